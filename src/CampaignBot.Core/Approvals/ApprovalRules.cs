using System.ComponentModel.DataAnnotations;

namespace CampaignBot.Core.Approvals;

/// <summary>
/// How many approvers a campaign needs and when requests nag or lapse; bound from the "Approvals" section.
/// Each rule that triggers asks for its own count; a campaign needs the largest of them.
/// </summary>
public sealed record ApprovalRules
{
    public const string Section = "Approvals";

    /// <summary>Approvers every campaign needs (default 1).</summary>
    [Range(1, 10)]
    public int RequiredApprovers { get; set; } = 1;

    /// <summary>An audience of more than this many customers (strictly over) is large (default 1,000,000).</summary>
    [Range(1, long.MaxValue)]
    public long LargeAudienceThreshold { get; set; } = 1_000_000;

    /// <summary>Approvers a large audience needs (default 2).</summary>
    [Range(1, 10)]
    public int LargeAudienceApprovers { get; set; } = 2;

    /// <summary>Approvers a campaign needs when it sends to Criteo, TikTok Ads or Meta Ads (default 2).</summary>
    [Range(1, 10)]
    public int PaidMediaApprovers { get; set; } = 2;

    /// <summary>Approvers a campaign needs when it sends attributes other than identifiers, such as names (default 2).</summary>
    [Range(1, 10)]
    public int PersonalAttributesApprovers { get; set; } = 2;

    /// <summary>A recurring campaign whose audience moved more than this percent from the approved size waits for re-approval (default 20).</summary>
    [Range(typeof(decimal), "0", "1000")]
    public decimal RecurringDriftPercent { get; set; } = 20;

    /// <summary>Approvers who have not answered are reminded after this long (default 24 hours).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A request nobody decided lapses after this long and the author must resubmit (default 72 hours).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan RequestExpiresAfter { get; set; } = TimeSpan.FromHours(72);
}
