namespace CampaignBot.Core.People;

/// <summary>What a person may do; roles add up (an approver who also builds campaigns holds both).</summary>
[Flags]
public enum Role
{
    None = 0,

    /// <summary>Reads campaigns, runs and segments.</summary>
    Viewer = 1,

    /// <summary>Builds, edits, submits, pauses and cancels campaigns; defines segments.</summary>
    Marketer = 2,

    /// <summary>Approves or rejects campaigns written by someone else.</summary>
    Approver = 4,

    /// <summary>Everything, including retrying failed deliveries and managing other people's campaigns.</summary>
    Admin = 8,

    /// <summary>Hears about failed deliveries and answers them: acknowledges, mutes and retries.</summary>
    OnCall = 16,
}
