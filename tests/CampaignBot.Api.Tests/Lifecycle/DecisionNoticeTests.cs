using System.Collections.Concurrent;
using CampaignBot.Api.Tests.Logging;
using CampaignBot.App.Notifications;
using CampaignBot.Core.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>
/// A decision is answered once it is stored; its notices (card updates in every channel, the author's message) go out
/// after, in the order they were queued, and a channel that fails them is logged while the others still hear.
/// </summary>
public sealed class DecisionNoticeTests
{
    [Fact]
    public async Task An_approval_is_answered_once_stored_while_a_channel_is_still_sending_its_notice()
    {
        var channel = new HeldChannel();
        await using var host = new LifecycleHost(services: s => s.AddSingleton<ICampaignNotifier>(channel));
        var id = await host.SubmittedAsync(TestDrafts.OneTime());
        await host.NoticesSentAsync();
        channel.Hold();

        try
        {
            var approving = host.ApproveAsync(id, host.Omar);
            var answered = await Task.WhenAny(approving, Task.Delay(TimeSpan.FromSeconds(10)));

            Assert.Same(approving, answered);
            Assert.Equal(CampaignStatus.Approved, (await approving).Unwrap().Status);
            Assert.DoesNotContain(channel.Sent, n => n is CampaignNotice.ApprovalDecided);
        }
        finally
        {
            channel.Release();
        }

        await host.NoticesSentAsync();
        var decided = Assert.IsType<CampaignNotice.ApprovalDecided>(Assert.Single(channel.Sent, n => n is CampaignNotice.ApprovalDecided));
        Assert.Equal(("approved", "omar"), (decided.Outcome, Assert.Single(decided.Request.Decisions).PersonId));
    }

    [Fact]
    public async Task A_channel_failing_a_decision_notice_is_logged_and_the_other_channels_still_hear_it()
    {
        var logs = new CapturedLogs();
        var heard = new RecordingNotifier();
        await using var host = new LifecycleHost(services: s =>
        {
            s.AddLogging(logging => logging.AddProvider(logs));
            s.AddSingleton<ICampaignNotifier>(new FailingChannel());
            s.AddSingleton<ICampaignNotifier>(heard);
        });
        var id = await host.SubmittedAsync(TestDrafts.OneTime());

        (await host.RejectAsync(id, host.Omar, "Too broad")).Unwrap();
        await host.NoticesSentAsync();

        Assert.Single(heard.Notices, n => n is CampaignNotice.ApprovalDecided { Outcome: "rejected" });
        Assert.Contains(logs.Entries, e => e.StartsWith("Error CampaignBot.App.Notifications.Notifier: The FailingChannel channel could not send a ApprovalDecided notice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_and_its_decision_reach_a_slow_channel_in_that_order()
    {
        var channel = new HeldChannel();
        await using var host = new LifecycleHost(services: s => s.AddSingleton<ICampaignNotifier>(channel));
        channel.Hold();
        try
        {
            var deciding = DecidedAsync(host);
            Assert.Same(deciding, await Task.WhenAny(deciding, Task.Delay(TimeSpan.FromSeconds(10))));
        }
        finally
        {
            channel.Release();
        }

        await host.NoticesSentAsync();

        Assert.Equal([typeof(CampaignNotice.ApprovalRequested), typeof(CampaignNotice.ApprovalDecided)], channel.Sent.Select(n => n.GetType()));
    }

    private static async Task DecidedAsync(LifecycleHost host)
    {
        var id = await host.SubmittedAsync(TestDrafts.OneTime());
        (await host.ApproveAsync(id, host.Omar)).Unwrap();
    }

    /// <summary>A channel that keeps what it was sent, and can be made to wait before it sends anything.</summary>
    private sealed class HeldChannel : ICampaignNotifier
    {
        private readonly ConcurrentQueue<CampaignNotice> _sent = new();
        private TaskCompletionSource _open = Opened();

        public IReadOnlyList<CampaignNotice> Sent => [.. _sent];

        public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _open.TrySetResult();

        public async Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken)
        {
            await _open.Task.WaitAsync(cancellationToken);
            _sent.Enqueue(notice);
        }

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }

    private sealed class FailingChannel : ICampaignNotifier
    {
        public Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The chat service is down.");
    }
}
