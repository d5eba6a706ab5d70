using System.Data.Common;
using DataMesh.DataProducts.Publishing;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>
/// Makes the relay's first "mark sent" statement fail, after the sidecar accepted the events: what a relay
/// killed between sending and committing leaves behind.
/// </summary>
internal sealed class FailingOutboxMark : DbCommandInterceptor
{
    private int failures;

    public int Failures => failures;

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.StartsWith("UPDATE " + OutboxModel.TableName, StringComparison.Ordinal) && Interlocked.CompareExchange(ref failures, 1, 0) == 0)
        {
            throw new InvalidOperationException("Simulated relay crash between publishing and marking the rows sent.");
        }

        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
