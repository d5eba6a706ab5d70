using DataMesh.DataProducts.Subscribing;
using Marketing.DataProducts;
using Marketing.Model;
using Marketing.Persistence;

namespace Marketing.EventHandlers;

/// <summary>Keeps the marketing department's latest figures per month (input port <c>headcount</c>); other departments are not marketing's business.</summary>
public static class HeadcountHandler
{
    public static async Task ApplyAsync(HeadcountFigures data, ConsumedEvent consumed, MarketingDbContext db, CancellationToken cancellationToken)
    {
        if (data.Department != TeamHeadcount.Department)
        {
            return;
        }

        var team = await db.TeamHeadcounts.FindAsync([data.Month], cancellationToken);
        if (team is null)
        {
            team = new TeamHeadcount { Month = data.Month };
            db.TeamHeadcounts.Add(team);
        }

        team.Headcount = data.Headcount;
        team.Hires = data.Hires;
        team.Leavers = data.Leavers;
    }
}
