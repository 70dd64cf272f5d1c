using System.Data.Common;
using System.Globalization;
using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Audiences;

/// <summary>The placement counts and what each (group, destination) would lose, from one pass over the placed audience.</summary>
public sealed record PlacementCounts(SplitTally Tally, IReadOnlyList<DeliveryCount> Deliveries);

/// <summary>
/// Counts, in the engine, everything a campaign preview shows: how the include segments narrow to the audience,
/// how it splits, and per (group, destination) the rows suppressions, frequency caps and missing identifiers would remove.
/// Only counts leave the engine; no customer is read into memory.
/// </summary>
public sealed class AudienceBreakdown(CustomerEngine engine)
{
    public async Task<AudienceFunnel> FunnelAsync(AudienceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, AudienceFunnelSql.Build(engine, request));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var exclusions = request.Exclude.Count;
        var removed = Enumerable.Range(1, exclusions).Select(i => Long(reader, i)).ToList();
        var excluded = exclusions > 0 ? Long(reader, exclusions + 1) : 0;
        var suppressedColumn = exclusions > 0 ? exclusions + 2 : 1;
        var suppressed = Long(reader, suppressedColumn);
        var heldOut = request.Holdout is null ? 0 : Long(reader, suppressedColumn + 1);
        return new AudienceFunnel(Long(reader, 0), removed, excluded, suppressed, heldOut);
    }

    public async Task<PlacementCounts> PlaceAsync(AudienceRequest request, IReadOnlyList<DeliveryCheck> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(checks);
        var tally = new SplitTally(request.Plan);
        var suppressed = new long[checks.Count];
        var capped = new long[checks.Count];
        var missing = checks.Select(c => new long[c.Requirements.Count]).ToArray();
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, DeliveryCheckSql.Build(engine, request, checks));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var slot = new GroupSlot(Int(reader, 0), Int(reader, 1));
            tally.Add(slot.IsUnmatched ? GroupSlot.Unmatched : slot, Long(reader, 2));
            var column = 3;
            for (var c = 0; c < checks.Count; c++)
            {
                if (DeliveryCheckSql.HasChannel(checks[c]))
                {
                    suppressed[c] += Long(reader, column++);
                }

                if (checks[c].Cap is not null)
                {
                    capped[c] += Long(reader, column++);
                }

                for (var r = 0; r < checks[c].Requirements.Count; r++)
                {
                    missing[c][r] += Long(reader, column++);
                }
            }
        }

        var deliveries = checks.Select((c, i) => new DeliveryCount(tally.Count(c.Slot), suppressed[i], missing[i], capped[i])).ToList();
        return new PlacementCounts(tally, deliveries);
    }

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
