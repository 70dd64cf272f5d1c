using CampaignBot.App.Campaigns;
using CampaignBot.Customers.Audiences;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.App.Runs;

/// <summary>One (recipient group, destination) of a run, as the pipeline hands it to the <see cref="DeliveryRunner"/>.</summary>
public sealed record DeliveryJob
{
    public required string RunId { get; init; }

    /// <summary>The worker holding the run; every write checks it still does.</summary>
    public required string Owner { get; init; }

    /// <summary>The delivery as recorded when the job started: where it resumes (cursor, batches sent).</summary>
    public required DeliveryRecord Delivery { get; init; }

    public required ResolvedDelivery Plan { get; init; }

    /// <summary>The run's audience, with this destination's suppressions.</summary>
    public required AudienceRequest Audience { get; init; }

    public required IDestinationConnector Connector { get; init; }

    public required DeliveryTarget Target { get; init; }

    /// <summary>
    /// For a recurring campaign, the list kept equal to the group: customers who left it since the last run are
    /// removed where the connector can remove. Null for one-time campaigns.
    /// </summary>
    public string? ListKey { get; init; }

    /// <summary>Whether the campaign still runs (not paused or cancelled meanwhile); asked between batches.</summary>
    public required Func<bool> StillRunning { get; init; }
}
