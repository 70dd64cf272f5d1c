using System.Collections.Concurrent;
using CampaignBot.App.Application;
using CampaignBot.App.Audit;
using CampaignBot.App.Notifications;
using CampaignBot.App.Segments;
using CampaignBot.Core.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>Shortcuts the lifecycle service tests share: submitting, deciding, reading the audit and the notices sent.</summary>
internal static class LifecycleTestKit
{
    public static Task<ServiceResult<CampaignBot.App.Campaigns.CampaignView>> SubmitAsync(this LifecycleHost host, CampaignId id, Actor? actor = null) =>
        host.Approvals.SubmitAsync(id, actor ?? host.Maya, CancellationToken.None);

    public static Task<ServiceResult<CampaignBot.App.Campaigns.CampaignView>> ApproveAsync(this LifecycleHost host, CampaignId id, Actor actor) =>
        host.Approvals.ApproveAsync(id, actor, null, CancellationToken.None);

    public static Task<ServiceResult<CampaignBot.App.Campaigns.CampaignView>> RejectAsync(this LifecycleHost host, CampaignId id, Actor actor, string? comment) =>
        host.Approvals.RejectAsync(id, actor, comment, CancellationToken.None);

    /// <summary>Creates a campaign as Maya and submits it; returns its id.</summary>
    public static async Task<CampaignId> SubmittedAsync(this LifecycleHost host, CampaignDraft draft, Actor? author = null)
    {
        var id = host.Campaigns.Create(draft, author ?? host.Maya).Unwrap().Id;
        (await host.SubmitAsync(id, author)).Unwrap();
        return id;
    }

    /// <summary>Waits (on real time) until every notice queued after a commit is sent.</summary>
    public static async Task NoticesSentAsync(this LifecycleHost host)
    {
        var queue = host.Get<NoticeQueue>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (queue.Pending > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{queue.Pending} notice(s) still queued after 15 s.");
            }

            await Task.Delay(10);
        }
    }

    public static CampaignBot.App.Campaigns.CampaignView View(this LifecycleHost host, CampaignId id) => host.Campaigns.Get(id, host.Maya).Unwrap();

    public static IReadOnlyList<AuditEntry> Audit(this LifecycleHost host, CampaignId id) => host.Get<AuditLog>().For(id);

    public static SegmentStore Segments(this LifecycleHost host) => host.Get<SegmentStore>();

    public static Actor Via(this Actor actor, string channel) => actor with { Channel = channel };

    /// <summary>The demo draft with <paramref name="change"/> applied to its only sub-audience.</summary>
    public static CampaignDraft WithSubAudience(this CampaignDraft draft, Func<SubAudienceDraft, SubAudienceDraft> change) =>
        draft with { SubAudiences = [change(draft.SubAudiences![0])] };

    /// <summary>The demo draft sending <paramref name="attributes"/> to the outbox from both groups.</summary>
    public static CampaignDraft Sending(this CampaignDraft draft, params string[] attributes) =>
        draft.WithSubAudience(s => s with { Groups = s.Groups!.Select(g => g with { Destinations = [TestDrafts.Outbox(attributes)] }).ToList() });
}

/// <summary>Keeps every notice the service sends, as a chat or email channel would receive it.</summary>
internal sealed class RecordingNotifier : ICampaignNotifier
{
    private readonly ConcurrentQueue<CampaignNotice> _notices = new();

    public IReadOnlyList<CampaignNotice> Notices => [.. _notices];

    public static (LifecycleHost Host, RecordingNotifier Notices) Host()
    {
        var notices = new RecordingNotifier();
        return (new LifecycleHost(services: s => s.AddSingleton<ICampaignNotifier>(notices)), notices);
    }

    public Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken)
    {
        _notices.Enqueue(notice);
        return Task.CompletedTask;
    }
}
