using System.Text;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Audiences;

namespace CampaignBot.App.Explain;

/// <summary>
/// For a recipient, each destination of their group: suppressed on its channel, held back by its channel's frequency
/// cap, dropped with the reason a run would count, or the row it would receive (names and usability only); and what
/// the latest run did there.
/// </summary>
internal sealed class DestinationChecks(CustomerAudienceCheck check, RunStore runs, RunRecord? lastRun, CapSlotNames? slotNames = null)
{
    private readonly IReadOnlyList<BatchRecord> _lastRunBatches = lastRun is null ? [] : runs.BatchesOf(lastRun.Id);

    public async Task<IReadOnlyList<DestinationCheck>> ForAsync(ResolvedCampaign campaign, CustomerAudienceFacts facts, DateTimeOffset now, CancellationToken ct)
    {
        var deliveries = campaign.Deliveries.Where(d => d.Slot == facts.Slot).ToList();
        var caps = deliveries.Select(d => d.CapAt(now)).OfType<FrequencyCapCheck>().Distinct().ToList();
        var sends = await check.CountSendsAsync(facts.CustomerId, caps, ct);
        var checks = new List<DestinationCheck>();
        foreach (var delivery in deliveries)
        {
            var cap = delivery.CapAt(now) is { } applied ? new FrequencyCapView(applied.Cap.ToString(), sends[caps.IndexOf(applied)], applied.Cap.MaxDeliveries) : null;
            if (cap is { Capped: true } && slotNames is not null)
            {
                cap = cap with { TakenBy = await slotNames.ForAsync(facts.CustomerId, delivery.CapAt(now)!, ct) };
            }

            checks.Add(await ForAsync(delivery, facts, cap, ct));
        }

        return checks;
    }

    private async Task<DestinationCheck> ForAsync(ResolvedDelivery delivery, CustomerAudienceFacts facts, FrequencyCapView? cap, CancellationToken ct)
    {
        // Exactly what DeliveryRunner does per member: the attribute columns, the country last when phones need it.
        var columns = await check.ReadAttributesAsync(facts.CustomerId, delivery.Columns, ct);
        var values = columns.Take(delivery.Attributes.Count).ToArray();
        delivery.FillCampaignValues(values);
        var country = delivery.ReadsCountry ? columns[^1] as string : null;
        var shaper = new RowShaper(delivery.Instance.Descriptor, delivery.Attributes);
        var usable = shaper.Usable(values, country);
        var attributes = delivery.Attributes
            .Select((name, i) => new AttributeCheck(name, shaper.Fields[i], !string.IsNullOrWhiteSpace(ValueText.Of(values[i])), usable[i]))
            .ToList();
        var channel = delivery.SuppressionChannel;
        var shaped = shaper.Shape(values, country);
        var (outcome, reason) = facts.SuppressedFor(channel)
            ? (DestinationOutcome.Suppressed, $"Not sent: the customer is on the {channel} suppression list.")
            : cap is { Capped: true }
            ? (DestinationOutcome.Capped, $"Not sent: {cap}.")
            : shaped.Dropped is { } dropped
                ? (DestinationOutcome.Dropped, $"Dropped: the customer {Because(dropped)}.")
                : (DestinationOutcome.WouldReceive, $"Would receive {string.Join(", ", shaper.Fields)}.");
        return new DestinationCheck(
            delivery.Instance.Name, delivery.Instance.Kind, outcome, outcome == DestinationOutcome.Dropped ? shaped.Dropped : null, reason, channel, attributes,
            LastRun(delivery, facts.CustomerId), cap);
    }

    private LastRunDelivery? LastRun(ResolvedDelivery delivery, string customerId)
    {
        if (lastRun is null)
        {
            return null;
        }

        if (lastRun.Deliveries.FirstOrDefault(d => d.Key == delivery.Key) is not { } record)
        {
            return new LastRunDelivery(null, false, $"The last run ({Words(lastRun.Status)}) did not reach this destination.");
        }

        var id = Encoding.UTF8.GetBytes(customerId);
        var spanned = _lastRunBatches.Any(b => b.DeliveryKey == delivery.Key && Within(id, b));
        var status = record.Status.ToString().ToLowerInvariant();
        var reason = (spanned, record.Status) switch
        {
            (true, DeliveryStatus.Delivered) => "The last run sent the batch spanning this customer's id, and the delivery completed.",
            (true, _) => $"The last run sent the batch spanning this customer's id, but the delivery is {status}.",
            (false, DeliveryStatus.Delivered) => "The last run's delivery completed without this customer: not in the group then, or their row was dropped.",
            _ => $"The last run's delivery is {status} and no delivered batch reached this customer.",
        };
        return new LastRunDelivery(record.Status, spanned, reason);
    }

    // Runs stream in bytewise (UTF-8) id order and record each batch's first and last id, so compare the same way.
    private static bool Within(byte[] id, BatchRecord batch) =>
        id.AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(batch.FirstCustomerId)) >= 0
        && id.AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(batch.LastCustomerId)) <= 0;

    private static string Because(DropReason reason) => reason switch
    {
        DropReason.NoValidEmail => "has no valid email address",
        DropReason.NoValidPhone => "has no valid phone number",
        _ => "has no identifier the destination accepts",
    };

    private static string Words(RunStatus status) => status switch
    {
        RunStatus.PartiallyFailed => "partially failed",
        RunStatus.HeldForApproval => "held for approval",
        _ => status.ToString().ToLowerInvariant(),
    };
}
