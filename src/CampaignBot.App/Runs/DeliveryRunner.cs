using CampaignBot.App.SeedLists;
using System.Diagnostics;
using CampaignBot.Core.Destinations;
using System.Data.Common;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Results;
using CampaignBot.Customers.Engine;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Runs;

/// <summary>
/// Streams one (recipient group, destination) from the engine in customer-id order, shapes each row, and hands
/// full batches to the connector. Each delivered batch is committed with the delivery's cursor (the batch's last
/// customer id) in one transaction; a resumed delivery streams from after the cursor and numbers its batches on,
/// so a batch delivered but not committed before a crash is delivered again under the same number and replaces
/// itself at the destination — delivered exactly once, none lost.
/// </summary>
public sealed partial class DeliveryRunner(
    RunLedger ledger, CustomerEngine engine, ListMemberships memberships, LeaverRemoval leavers, SendHistory sends, TimeProvider clock, IOptions<SchedulerOptions> options,
    ILogger<DeliveryRunner> logger)
{
    private readonly AudienceBuilder _audiences = new(engine);

    /// <summary>Why a delivery stopped before the end of its audience.</summary>
    public enum Stop
    {
        None,

        /// <summary>Another scheduler holds the run now; leave everything to it.</summary>
        LostRun,

        /// <summary>The campaign is no longer running (paused, cancelled); the run stops between batches.</summary>
        Halted,
    }

    public async Task<Stop> DeliverAsync(DeliveryJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var (delivery, plan, connector) = (job.Delivery, job.Plan, job.Connector);
        var shaper = new RowShaper(plan.Instance.Descriptor, plan.Attributes);
        // Seed rows ride along in every batch, so each batch leaves room for them under the destination's limit.
        var seeds = SeedRows.For(plan, shaper);
        var batchSize = Math.Max(1, BatchSizeFor(options.Value.BatchSize, plan.Instance) - seeds.Count);
        var rows = new List<string?[]>(Math.Min(batchSize, 10_000));
        var dropped = new Dictionary<string, long>();
        string? first = null;
        string? last = null;
        var sequence = delivery.Batches;
        var values = new object?[plan.Attributes.Count];
        var times = new StreamTimes();
        await foreach (var member in _audiences.StreamOrderedAsync(job.Audience, AudienceSlice.Of(plan.Slot), plan.Columns, delivery.Cursor, cancellationToken))
        {
            Array.Copy(member.Attributes, values, values.Length);
            plan.FillCampaignValues(values);
            var country = plan.ReadsCountry ? member.Attributes[^1] as string : null;
            var shaped = shaper.Shape(values, country);
            first ??= member.CustomerId;
            last = member.CustomerId;
            if (shaped.Dropped is { } reason)
            {
                dropped[reason.ToString()] = dropped.GetValueOrDefault(reason.ToString()) + 1;
                continue;
            }

            rows.Add(shaped.Values!);
            if (rows.Count < batchSize)
            {
                continue;
            }

            var stop = await SendAsync(job, new DeliveryBatch(job.Target, ++sequence, [.. rows, .. seeds]), seeds.Count, first, last, dropped, times, cancellationToken);
            if (stop is not null)
            {
                return stop.Value;
            }

            rows = new List<string?[]>(rows.Capacity);
            dropped = [];
            first = null;
        }

        // A group with nobody in it still sends its seeds once, so the people checking see the delivery happen; not in a
        // triggered campaign's pass, which would mail the seeds every minute with nothing for them to check.
        if (rows.Count > 0 || (sequence == 0 && seeds.Count > 0 && job.Audience.Trigger is null))
        {
            var stop = await SendAsync(job, new DeliveryBatch(job.Target, ++sequence, [.. rows, .. seeds]), seeds.Count, first ?? "", last ?? delivery.Cursor ?? "", dropped, times, cancellationToken);
            if (stop is not null)
            {
                return stop.Value;
            }
        }
        else if (dropped.Count > 0 && ledger.Update(job.RunId, job.Owner, r => AddDropped(r.Deliveries.Single(d => d.Key == delivery.Key), dropped, last)) is null)
        {
            return Stop.LostRun;
        }

        LogStreamed(job.RunId, plan.GroupName, delivery.Destination, times.Total.Elapsed.TotalSeconds, times.Connector.TotalSeconds, times.Commit.TotalSeconds);
        if (job.ListKey is not { } listKey || connector is not IRemovesMembers remover)
        {
            return await CompleteAsync(job, recordMembers: null, cancellationToken);
        }

        var removal = await leavers.RemoveAsync(job, remover, listKey, cancellationToken);
        if (removal.Failure is { } failure)
        {
            LogRemovalFailed(job.RunId, delivery.Destination, failure.Kind, failure.Reason);
        }

        var recorded = ledger.Update(job.RunId, job.Owner, r =>
        {
            var d = r.Deliveries.Single(x => x.Key == delivery.Key);
            d.Removed = removal.Removed;
            d.Unreachable = removal.Unreachable;
            if (removal.Failure is { } failed)
            {
                d.Status = DeliveryStatus.Failed;
                d.Failure = failed.Kind;
                d.Error = $"Removing the customers who left the group failed: {failed.Reason}";
            }
        });
        if (recorded is null)
        {
            return Stop.LostRun;
        }

        return removal.Failure is not null
            ? Stop.None
            : await CompleteAsync(job, () => memberships.RecordAsync(listKey, job.Audience, plan.Slot, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Rows per batch: the instance's limit (an API's call size, a file's row limit), or Scheduler:BatchSize when that
    /// is set and smaller, since a destination refuses a batch above its limit.
    /// </summary>
    public static int BatchSizeFor(int configured, DestinationInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return configured > 0 ? Math.Min(configured, instance.BatchLimit) : instance.BatchLimit;
    }

    // Null when the batch was committed and the delivery goes on; otherwise why it stopped (a failure is recorded first).
    /// <param name="seeds">The seed rows at the end of the batch: delivered like the rest, counted apart from the customers.</param>
    private async Task<Stop?> SendAsync(
        DeliveryJob job, DeliveryBatch batch, int seeds, string first, string last, Dictionary<string, long> dropped, StreamTimes times, CancellationToken cancellationToken)
    {
        var delivery = job.Delivery;
        var watch = Stopwatch.StartNew();
        var outcome = await DeliverWithRetriesAsync(job.Connector, batch, cancellationToken);
        times.Connector += watch.Elapsed;
        watch.Restart();
        if (BatchRetries.Failure(outcome) is { } failure)
        {
            var (reason, kind) = failure;
            LogBatchFailed(job.RunId, delivery.Destination, batch.Sequence, kind, reason);
            return ledger.Update(job.RunId, job.Owner, r =>
            {
                var d = r.Deliveries.Single(x => x.Key == delivery.Key);
                d.Status = DeliveryStatus.Failed;
                d.Failure = kind;
                d.Error = $"Batch {batch.Sequence} failed: {reason}";
            }) is null ? Stop.LostRun : Stop.None;
        }

        var (accepted, rejected, reference) = outcome switch
        {
            BatchOutcome.Delivered delivered => (delivered.Rows, 0, delivered.Reference),
            BatchOutcome.PartiallyRejected partial => (partial.Accepted, partial.Rejected, partial.Reason),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        };
        var record = new BatchRecord
        {
            Id = BatchRecord.IdFor(job.RunId, delivery.Key, batch.Sequence),
            RunId = job.RunId,
            DeliveryKey = delivery.Key,
            Sequence = batch.Sequence,
            Rows = accepted,
            FirstCustomerId = first,
            LastCustomerId = last,
            Reference = reference,
            DeliveredAt = clock.GetUtcNow(),
        };
        var saved = ledger.CommitBatch(job.RunId, job.Owner, record, d =>
        {
            d.Batches = batch.Sequence;
            d.Rows += Math.Max(0, accepted - seeds);
            d.Seeds = seeds;
            d.Rejected += rejected;
            AddDropped(d, dropped, last);
        });
        times.Commit += watch.Elapsed;
        if (saved is null)
        {
            return Stop.LostRun;
        }

        return job.StillRunning() ? null : Stop.Halted;
    }

    private Task<BatchOutcome> DeliverWithRetriesAsync(IDestinationConnector connector, DeliveryBatch batch, CancellationToken cancellationToken) =>
        BatchRetries.SendAsync(() => connector.DeliverAsync(batch, cancellationToken), options.Value.BatchAttempts, clock, cancellationToken);

    /// <param name="recordMembers">Records the list's members as delivered, once the delivery is known to be complete.</param>
    private async Task<Stop> CompleteAsync(DeliveryJob job, Func<Task<long>>? recordMembers, CancellationToken cancellationToken)
    {
        var (delivery, connector) = (job.Delivery, job.Connector);
        var current = ledger.Update(job.RunId, job.Owner, _ => { });
        if (current is null)
        {
            return Stop.LostRun;
        }

        var state = current.Deliveries.Single(d => d.Key == delivery.Key);
        if (state.Status == DeliveryStatus.Failed)
        {
            return Stop.None;
        }

        var batches = ledger.Batches(job.RunId, delivery.Key).Select(b => new DeliveredBatch(b.Sequence, b.Rows, b.Reference)).ToList();
        string? reference;
        long? reported;
        try
        {
            reference = await connector.CompleteAsync(job.Target, batches, state.Dropped, cancellationToken);
            reported = connector is IVerifiesDelivery verifier ? await verifier.CountDeliveredAsync(job.Target, cancellationToken) : null;
        }
        catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The rows were sent but the destination could not confirm them: this delivery fails (retrying finishes
            // it without sending the batches again); the run and its other deliveries carry on.
            var kind = (e as CompletionFailedException)?.Kind ?? FailureKind.ServiceDown;
            LogCompletionFailed(job.RunId, delivery.Destination, kind, e.Message);
            return ledger.Update(job.RunId, job.Owner, r =>
            {
                var d = r.Deliveries.Single(x => x.Key == delivery.Key);
                d.Status = DeliveryStatus.Failed;
                d.Failure = kind;
                d.Error = $"Finishing the delivery failed: {e.Message}";
            }) is null ? Stop.LostRun : Stop.None;
        }

        var shortfall = DeliveryShortfall.Check(
            state.Rows + state.Rejected, reported ?? state.Rows, options.Value.ShortfallTolerancePercent, connector.Instance.Descriptor.DisplayName);
        if (shortfall is not null)
        {
            LogShortfall(job.RunId, delivery.Destination, shortfall);
        }
        else
        {
            if (recordMembers is not null)
            {
                await recordMembers();
            }

            var recording = Stopwatch.StartNew();
            await RecordSendsAsync(job, cancellationToken);
            LogSendsRecorded(job.RunId, job.Plan.GroupName, delivery.Destination, recording.Elapsed.TotalSeconds);
        }

        return ledger.Update(job.RunId, job.Owner, r =>
        {
            var d = r.Deliveries.Single(x => x.Key == delivery.Key);
            d.Status = shortfall is null ? DeliveryStatus.Delivered : DeliveryStatus.Failed;
            d.Reference = reference;
            d.Reported = reported;
            d.Error = shortfall;
            d.Failure = shortfall is null ? null : FailureKind.Shortfall;
        }) is null ? Stop.LostRun : Stop.None;
    }

    private static void AddDropped(DeliveryRecord delivery, Dictionary<string, long> dropped, string? last)
    {
        foreach (var (reason, count) in dropped)
        {
            delivery.Dropped[reason] = delivery.Dropped.GetValueOrDefault(reason) + count;
        }

        delivery.Cursor = last ?? delivery.Cursor;
    }

    /// <summary>
    /// The delivery's members, as the destination accepted them, into the send history that results and frequency
    /// caps read: the same audience SQL the delivery streamed, so every customer the engine placed in the group
    /// counts (rows the destination's rules dropped too: its control holds such customers as well, docs/results.md).
    /// </summary>
    private async Task RecordSendsAsync(DeliveryJob job, CancellationToken cancellationToken)
    {
        var plan = job.Plan;
        var record = new SendRecord(
            job.Target.CampaignId, job.RunId, plan.SubAudienceName, plan.GroupName, IsControl: false, SendChannel.Of(plan.Instance.Kind), plan.Instance.Name, clock.GetUtcNow());
        if (ledger.StartSendHistory(job.RunId, job.Owner, job.Delivery.Key) is not { } firstAttempt)
        {
            // Another scheduler holds the run now and records this delivery's history when it completes it.
            return;
        }

        try
        {
            await sends.RecordAsync(record, job.Audience, plan.Slot, firstAttempt, cancellationToken);
        }
        catch (DbException e)
        {
            // The rows are delivered; failing the delivery now would send them again. Results miss them, and the log says so.
            LogSendsNotRecorded(e, job.RunId, plan.Instance.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Group} to {Destination} streamed in {Seconds:0.00} s ({ConnectorSeconds:0.00} s in the connector, {CommitSeconds:0.00} s committing)")]
    private partial void LogStreamed(string runId, string group, string destination, double seconds, double connectorSeconds, double commitSeconds);

    // Where a delivery's time went, for its log line: the rest of the total is reading and shaping rows.
    private sealed class StreamTimes
    {
        public Stopwatch Total { get; } = Stopwatch.StartNew();

        public TimeSpan Connector { get; set; }

        public TimeSpan Commit { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Group} to {Destination}: sends recorded in {Seconds:0.00} s")]
    private partial void LogSendsRecorded(string runId, string group, string destination, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: the send history of the delivery to {Destination} was not recorded; its results will lack it")]
    private partial void LogSendsNotRecorded(Exception error, string runId, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: removing leavers from {Destination} failed ({Failure}): {Reason}")]
    private partial void LogRemovalFailed(string runId, string destination, FailureKind failure, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: finishing the delivery to {Destination} failed ({Failure}): {Reason}")]
    private partial void LogCompletionFailed(string runId, string destination, FailureKind failure, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the delivery to {Destination} falls short: {Reason}")]
    private partial void LogShortfall(string runId, string destination, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: batch {Sequence} to {Destination} failed ({Failure}): {Reason}")]
    private partial void LogBatchFailed(string runId, string destination, int sequence, FailureKind failure, string reason);
}
