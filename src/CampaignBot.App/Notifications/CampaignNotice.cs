using CampaignBot.App.Campaigns;
using CampaignBot.App.Approvals;
using CampaignBot.App.Imports;
using CampaignBot.App.Runs;

namespace CampaignBot.App.Notifications;

/// <summary>Something people should hear about; each channel (log, chat, email) renders it its own way.</summary>
public abstract record CampaignNotice
{
    private CampaignNotice()
    {
    }

    /// <summary>A campaign waits for approvers; <see cref="IsReminder"/> when nobody has decided for a while.</summary>
    /// <param name="Counts">The audience as counted for the request, when it was; channels show it rather than count again.</param>
    public sealed record ApprovalRequested(ApprovalRequestRecord Request, bool IsReminder, PreviewView? Counts = null) : CampaignNotice;

    /// <summary>An approver approved, and more approvals are still needed.</summary>
    public sealed record ApprovalProgressed(ApprovalRequestRecord Request) : CampaignNotice;

    public sealed record ApprovalDecided(ApprovalRequestRecord Request, string Outcome) : CampaignNotice;

    /// <summary>Nobody decided in time; the campaign went back to Draft (it is never approved by timeout).</summary>
    public sealed record ApprovalExpired(ApprovalRequestRecord Request) : CampaignNotice;

    /// <summary>A run counted its audience and starts delivering; <see cref="IsPass"/> when it is a pass of a triggered campaign.</summary>
    public sealed record RunStarted(RunRecord Run, bool IsPass = false) : CampaignNotice;

    /// <summary>A run ended; <see cref="IsPass"/> when it is a pass of a triggered campaign.</summary>
    public sealed record RunFinished(RunRecord Run, bool IsPass = false) : CampaignNotice;

    /// <summary>A customer file import ended, imported or refused; admins hear the counts and the first problems.</summary>
    public sealed record CustomerImportFinished(ImportView Import) : CampaignNotice;
}

/// <summary>A channel that tells people about campaigns. Chat and email channels add their own.</summary>
public interface ICampaignNotifier
{
    Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken);
}
