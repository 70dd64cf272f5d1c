using CampaignBot.Core.Campaigns;

namespace CampaignBot.App.Notifications;

/// <summary>Sends a notice through every registered channel; one channel failing never stops the others or the caller.</summary>
public sealed partial class Notifier(IEnumerable<ICampaignNotifier> channels, ILogger<Notifier> logger)
{
    public async Task SendAsync(CampaignNotice notice, CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            try
            {
                await channel.NotifyAsync(notice, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, channel.GetType().Name, notice.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Channel} channel could not send a {Notice} notice")]
    private partial void LogFailed(Exception error, string channel, string notice);
}

/// <summary>Writes every notice to the service log: the channel that is always there.</summary>
public sealed partial class LogNotifier(ILogger<LogNotifier> logger) : ICampaignNotifier
{
    public Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken)
    {
        switch (notice)
        {
            case CampaignNotice.ApprovalRequested requested:
                LogRequested(requested.Request.CampaignName, requested.Request.CampaignId, requested.Request.RequiredApprovers, requested.IsReminder);
                break;
            case CampaignNotice.ApprovalProgressed progressed:
                LogProgressed(progressed.Request.CampaignName, progressed.Request.CampaignId, progressed.Request.Decisions.Count, progressed.Request.RequiredApprovers);
                break;
            case CampaignNotice.ApprovalDecided decided:
                LogDecided(decided.Request.CampaignName, decided.Request.CampaignId, decided.Outcome);
                break;
            case CampaignNotice.ApprovalExpired expired:
                LogExpired(expired.Request.CampaignName, expired.Request.CampaignId);
                break;
            case CampaignNotice.RunStarted started:
                LogStarted(started.Run.CampaignName, started.Run.Id, started.Run.Recipients);
                break;
            case CampaignNotice.RunFinished finished:
                LogRun(finished.Run.CampaignName, finished.Run.Id, finished.Run.Status.ToString(), finished.Run.Deliveries.Sum(d => d.Rows));
                break;
            case CampaignNotice.CustomerImportFinished imported:
                LogImport(imported.Import.Id, imported.Import.Table, imported.Import.Status.ToString(), imported.Import.Accepted, imported.Import.Rejected);
                break;
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval requested for {Campaign} ({CampaignId}): {Approvers} approver(s) needed; reminder: {IsReminder}")]
    private partial void LogRequested(string campaign, CampaignId campaignId, int approvers, bool isReminder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval recorded for {Campaign} ({CampaignId}): {Decisions} of {Approvers} approver(s)")]
    private partial void LogProgressed(string campaign, CampaignId campaignId, int decisions, int approvers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval decided for {Campaign} ({CampaignId}): {Outcome}")]
    private partial void LogDecided(string campaign, CampaignId campaignId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval request for {Campaign} ({CampaignId}) expired undecided; the campaign is a draft again")]
    private partial void LogExpired(string campaign, CampaignId campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Campaign} started: {Recipients} recipients")]
    private partial void LogStarted(string campaign, string runId, long recipients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Campaign} finished {Status}: {Rows} rows delivered")]
    private partial void LogRun(string campaign, string runId, string status, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} into {Table} {Status}: {Accepted} rows accepted, {Rejected} rejected")]
    private partial void LogImport(Guid importId, string table, string status, long accepted, long rejected);
}
