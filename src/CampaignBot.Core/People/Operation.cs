namespace CampaignBot.Core.People;

/// <summary>
/// Everything a person asks CampaignBot to do that their roles decide, in every channel; <see cref="Permissions"/>
/// says who may. The rows of the roles table in docs/api.md group these.
/// </summary>
public enum Operation
{
    ReadCampaigns,
    PreviewCampaigns,

    /// <summary>Why one customer is or is not in a campaign.</summary>
    ExplainCampaigns,

    /// <summary>A campaign's audit log.</summary>
    ReadCampaignHistory,

    /// <summary>Segments and their insights, and sizing a filter before it is saved.</summary>
    ReadSegments,
    ReadDestinations,
    ReadRuns,
    ReadAlerts,
    CreateCampaigns,
    EditCampaigns,
    DeleteCampaigns,
    SubmitCampaigns,
    PauseCampaigns,
    ResumeCampaigns,
    CancelCampaigns,
    CreateSegments,

    /// <summary>Approve or reject a waiting campaign; four-eyes applies (see <see cref="Permissions.Check"/>).</summary>
    DecideApprovals,

    /// <summary>Send failed deliveries again, of a run or of an alert.</summary>
    RetryDeliveries,
    AcknowledgeAlerts,
    MuteAlerts,

    /// <summary>Import customer files into the customer engine, and read how imports went (their problems describe the data).</summary>
    ImportCustomers,

    /// <summary>Send customer events (orders, sign-ups) that triggered campaigns react to.</summary>
    SendEvents,
    /// <summary>Seed lists: named lists of internal people sent along with campaigns.</summary>
    ReadSeedLists,
    ManageSeedLists,
}
