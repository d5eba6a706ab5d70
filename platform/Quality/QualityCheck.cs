using System.Globalization;
using DataMesh.Contracts;
using DataMesh.Contracts.Quality;
using Npgsql;

namespace DataMesh.Quality;

/// <summary>
/// Measures contracts' ODCS quality rules against a PostgreSQL database: each rule alone, in a read-only transaction
/// with <see cref="QualityCheckOptions.StatementTimeout"/>, so a rule can neither change data nor hold the database,
/// and one rule's failure does not stop the others. Used by the domains' scheduled checks and by <c>datamesh test</c>.
/// </summary>
public static class QualityCheck
{
    /// <summary>Measures every library and sql rule of <paramref name="contract"/> (text and custom rules are not measured).</summary>
    public static Task<IReadOnlyList<QualityCheckResult>> RunAsync(
        NpgsqlDataSource database, DataContract contract, QualityCheckOptions? options = null, TimeProvider? clock = null, CancellationToken cancellationToken = default) =>
        RunAsync(database, ContractQualityRule.Of(contract).Where(r => r.Rule.IsMeasurable), options, clock, cancellationToken);

    /// <summary>Measures each of <paramref name="rules"/>, in order; a rule that cannot be measured answers <see cref="QualityOutcome.Error"/>.</summary>
    public static async Task<IReadOnlyList<QualityCheckResult>> RunAsync(
        NpgsqlDataSource database, IEnumerable<ContractQualityRule> rules, QualityCheckOptions? options = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        options ??= new QualityCheckOptions();
        clock ??= TimeProvider.System;
        var results = new List<QualityCheckResult>();
        foreach (var rule in rules)
        {
            var (measured, problem) = await MeasureAsync(database, rule, options, cancellationToken);
            var checkedAt = clock.GetUtcNow();
            var threshold = rule.Rule.Threshold;
            results.Add(measured is null || threshold is null
                ? new QualityCheckResult(rule, QualityOutcome.Error, null, problem ?? "not measured", checkedAt)
                : new QualityCheckResult(
                    rule,
                    threshold.IsMet(measured.Value) ? QualityOutcome.Passed : QualityOutcome.Failed,
                    measured,
                    $"measured {Format(measured.Value, rule.Rule)}; expected {threshold}",
                    checkedAt));
        }

        return results;
    }

    private static async Task<(decimal? Measured, string? Problem)> MeasureAsync(
        NpgsqlDataSource database, ContractQualityRule rule, QualityCheckOptions options, CancellationToken cancellationToken)
    {
        var (query, problem) = QualityQuery.For(rule);
        if (query is null)
        {
            return (null, problem);
        }

        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var setup = new NpgsqlCommand(
                $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {(long)options.StatementTimeout.TotalMilliseconds}", connection, transaction))
            {
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand(query.Sql, connection, transaction);
            foreach (var parameter in query.Parameters)
            {
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (null, "the query answered no row; it must answer one value");
            }

            var isSql = rule.Rule.Type == QualityRuleType.Sql;
            if (isSql && reader.FieldCount != 1)
            {
                return (null, $"the query answered {reader.FieldCount} columns; it must answer one value");
            }

            var value = reader.IsDBNull(0) ? null : reader.GetValue(0);
            var rows = isSql ? 0 : reader.GetInt64(1);
            if (await reader.ReadAsync(cancellationToken))
            {
                return (null, "the query answered more than one row; it must answer one value");
            }

            var number = value switch
            {
                null => (decimal?)null,
                bool flag => flag ? 1 : 0,
                IConvertible convertible when value is not string => convertible.ToDecimal(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (number is null)
            {
                return (null, value is null ? "the query answered null; it must answer a number or a boolean" : "the query answered something other than a number or a boolean");
            }

            return (rule.Rule.InPercent && !isSql ? Percent(number.Value, rows) : number, null);
        }
        catch (PostgresException exception)
        {
            // The server's words (SQLSTATE and message), never the data: no DETAIL or WHERE, which can quote rows.
            return (null, exception.SqlState == PostgresErrorCodes.QueryCanceled
                ? $"the query ran longer than {options.StatementTimeout.TotalSeconds:0.###} s and was cancelled"
                : $"PostgreSQL refused the query ({exception.SqlState}): {exception.MessageText}");
        }
        catch (NpgsqlException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"the database could not be reached: {exception.Message}");
        }
    }

    /// <summary>The share of the object's rows, in percent; 0 of no rows is 0 %.</summary>
    private static decimal Percent(decimal count, long rows) => rows == 0 ? 0 : Math.Round(count * 100 / rows, 4);

    private static string Format(decimal measured, QualityRule rule) =>
        measured.ToString(CultureInfo.InvariantCulture) + (rule.Type == QualityRuleType.Sql ? "" : rule.InPercent ? " %" : " rows");
}
