using CampaignBot.Core.Campaigns;

namespace CampaignBot.App.Runs;

public enum RunStatus
{
    Running,
    Completed,
    PartiallyFailed,
    Failed,

    /// <summary>Stopped between batches because the campaign was paused; resuming the campaign continues it.</summary>
    Paused,
    Cancelled,

    /// <summary>The audience drifted past the approved size; nothing was sent and the campaign waits for re-approval.</summary>
    HeldForApproval,
}

/// <summary>
/// One occurrence of a campaign. Its id is derived from (campaign, occurrence slot), so two schedulers that
/// both see the occurrence due cannot both insert it: the second insert is refused and it backs off.
/// </summary>
public sealed class RunRecord
{
    public string Id { get; set; } = "";

    public CampaignId CampaignId { get; set; }

    public string CampaignName { get; set; } = "";

    public DateTimeOffset Slot { get; set; }

    public RunStatus Status { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// The scheduler instance working on it; another may take over once the lease runs out. Null while a retried
    /// run waits for a worker.
    /// </summary>
    public string? Owner { get; set; }

    /// <summary>Renewed by the owner's heartbeat every few seconds while it lives; past it, the owner is taken for gone.</summary>
    public DateTimeOffset LeaseUntil { get; set; }

    /// <summary>How many times a scheduler has taken the run up (1 for a run that never stopped).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Wall time the workers spent on it, summed over attempts.</summary>
    public double Seconds { get; set; }

    public List<GroupCount> Groups { get; set; } = [];

    /// <summary>Audience members no sub-audience matched: reported, never sent.</summary>
    public long Unmatched { get; set; }

    public bool Counted { get; set; }

    /// <summary>
    /// The customer engine's table holding the run's placed audience (<c>RunAudience</c>), stored when the run is
    /// counted and dropped when it ends; null before, after, and for runs counted before it existed (which build the
    /// audience for each step instead).
    /// </summary>
    public string? AudienceTable { get; set; }

    /// <summary>The channels whose suppression flags <see cref="AudienceTable"/> holds.</summary>
    public List<string> AudienceChannels { get; set; } = [];

    /// <summary>The suppressions' fingerprint when <see cref="AudienceTable"/> was stored.</summary>
    public string AudienceSuppressions { get; set; } = "";

    public List<DeliveryRecord> Deliveries { get; set; } = [];

    /// <summary>
    /// The send-history steps (a delivery's key, or <see cref="ControlStep"/>) that began writing rows to the customer
    /// engine's history, each marked before it writes: a step not listed has written none, so its write needs no delete
    /// first. Null for runs from before the list, whose every step deletes first.
    /// </summary>
    public List<string>? SendHistoryStarted { get; set; }

    public List<string> Errors { get; set; } = [];

    public static string IdFor(CampaignId campaignId, DateTimeOffset slot) => $"{campaignId.Value:N}-{slot.UtcTicks}";

    /// <summary>The send-history step of a sub-audience's control group (deliveries' steps are their keys).</summary>
    public static string ControlStep(int subAudience) => $"{subAudience.ToString(System.Globalization.CultureInfo.InvariantCulture)}.control";

    /// <summary>Marked running, but its owner stopped renewing the lease (it died or shut down): the next scheduler pass resumes it.</summary>
    public bool IsInterruptedAt(DateTimeOffset now) => Status == RunStatus.Running && Owner is { Length: > 0 } && LeaseUntil <= now;

    public long Recipients => Groups.Where(g => !g.IsControl).Sum(g => g.Members);
}

/// <summary>Members placed in one group (or control) of one sub-audience in this run.</summary>
public sealed class GroupCount
{
    public int SubAudience { get; set; }

    public string SubAudienceName { get; set; } = "";

    /// <summary>-1 for the control group.</summary>
    public int Group { get; set; }

    public string Name { get; set; } = "";

    public long Members { get; set; }

    public bool IsControl => Group < 0;

    /// <summary>For control groups: the file holding the members' ids, kept for measuring lift.</summary>
    public string? MembersFile { get; set; }
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One (recipient group, destination) of a run and how far it got.</summary>
public sealed class DeliveryRecord
{
    /// <summary>"{subAudience}.{group}.{destination}": stable across attempts and retries.</summary>
    public string Key { get; set; } = "";

    public int SubAudience { get; set; }

    public int Group { get; set; }

    public string GroupName { get; set; } = "";

    public string Destination { get; set; } = "";

    public string ListName { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    /// <summary>The last customer id of the last delivered batch; a resumed delivery starts after it.</summary>
    public string? Cursor { get; set; }

    public int Batches { get; set; }

    public long Rows { get; set; }

    /// <summary>Rows the destination refused (partial rejections).</summary>
    public long Rejected { get; set; }

    /// <summary>Rows dropped before sending, by reason (no valid email, …).</summary>
    public Dictionary<string, long> Dropped { get; set; } = [];

    public string? Error { get; set; }

    /// <summary>Customers who left the group since the last run, removed from the destination's list (recurring campaigns).</summary>
    public long Removed { get; set; }

    /// <summary>Leavers with no identifier left in the customer data to remove them by.</summary>
    public long Unreachable { get; set; }

    /// <summary>What the destination reported holding after the delivery, when it can say.</summary>
    public long? Reported { get; set; }

    /// <summary>The class of the failure, when <see cref="Status"/> is Failed.</summary>
    public CampaignBot.Delivery.Connectors.FailureKind? Failure { get; set; }

    /// <summary>What the destination gave back on completion (a manifest path, a list id).</summary>
    public string? Reference { get; set; }

    public int Attempts { get; set; }

    /// <summary>Seed list people sent along with each batch: delivered, never counted in <see cref="Rows"/> or results.</summary>
    public int Seeds { get; set; }
}

/// <summary>One delivered batch: written in the same transaction as its delivery's cursor, so a resumed run skips it.</summary>
public sealed class BatchRecord
{
    public string Id { get; set; } = "";

    public string RunId { get; set; } = "";

    public string DeliveryKey { get; set; } = "";

    public int Sequence { get; set; }

    public int Rows { get; set; }

    public string FirstCustomerId { get; set; } = "";

    public string LastCustomerId { get; set; } = "";

    public string? Reference { get; set; }

    public DateTimeOffset DeliveredAt { get; set; }

    public static string IdFor(string runId, string deliveryKey, int sequence) => $"{runId}/{deliveryKey}/{sequence}";
}
