using System.ComponentModel.DataAnnotations;
namespace Hr.Model;

/// <summary>Headcount (people employed on the month's last day), hires and leavers of a department in a month.</summary>
public sealed record HeadcountFigures([property: MaxLength(100)] string Department, [property: MaxLength(7)] string Month, int Headcount, int Hires, int Leavers);
