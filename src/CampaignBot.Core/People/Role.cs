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

    /// <summary>Approves or rejects campaigns written by someone else; builds nothing without the marketer role too.</summary>
    Approver = 4,

    /// <summary>Holds every other role; four-eyes still applies (no one approves their own campaign).</summary>
    Admin = 8,

    /// <summary>Hears about failed deliveries and answers them: acknowledges, mutes and retries.</summary>
    OnCall = 16,
}
