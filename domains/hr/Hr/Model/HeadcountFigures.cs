namespace Hr.Model;

/// <summary>Headcount (people employed on the month's last day), hires and leavers of a department in a month.</summary>
public sealed record HeadcountFigures(string Department, string Month, int Headcount, int Hires, int Leavers);
