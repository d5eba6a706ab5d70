using DataMesh.DataProducts.Subscribing;
using Domain1.DataProducts;
using Domain1.Model;
using Domain1.Persistence;

namespace Domain1.EventHandlers;

/// <summary>
/// Keeps HR's latest figures per department and month (input port <c>headcount</c>). Runs once per event, in the
/// transaction that records it in the inbox, so a redelivered event changes nothing.
/// </summary>
public static class HeadcountHandler
{
    public static async Task ApplyAsync(HeadcountFigures data, ConsumedEvent consumed, Domain1DbContext db, CancellationToken cancellationToken)
    {
        var team = await db.TeamHeadcounts.FindAsync([data.Department, data.Month], cancellationToken);
        if (team is null)
        {
            team = new TeamHeadcount { Department = data.Department, Month = data.Month };
            db.TeamHeadcounts.Add(team);
        }

        team.Headcount = data.Headcount;
        team.Hires = data.Hires;
        team.Leavers = data.Leavers;
    }
}
