using System.Collections.Concurrent;
using System.Diagnostics;
using CampaignBot.App.Approvals;
using CampaignBot.App.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>
/// Queued notices wait for a lull in the changes: during a burst of decisions the clicks are answered first and the card
/// updates follow; none waits past its longest hold, and a stopping service sends what it holds at once.
/// </summary>
public sealed class NoticePacingTests
{
    [Fact]
    public async Task Notices_queued_in_a_burst_go_out_only_once_no_new_notice_has_come_for_the_lull()
    {
        var clock = Stopwatch.StartNew();
        var channel = new TimedChannel(clock);
        using var queue = Queue(channel, new NoticePacing(Lull: TimeSpan.FromSeconds(1), MaxHold: TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 5; i++)
        {
            await queue.SendAfterAsync(Notice(i), CancellationToken.None);
        }

        var lastQueued = clock.Elapsed;
        await WaitUntilAsync(() => queue.Pending == 0);

        Assert.Equal(["0", "1", "2", "3", "4"], channel.Sent.Select(s => s.Campaign));
        Assert.All(channel.Sent, s => Assert.True(s.At - lastQueued >= TimeSpan.FromMilliseconds(900), $"sent {s.At - lastQueued} after the last notice was queued"));
    }

    [Fact]
    public async Task A_notice_waits_no_longer_than_its_longest_hold_while_changes_keep_coming()
    {
        var clock = Stopwatch.StartNew();
        var channel = new TimedChannel(clock);
        using var queue = Queue(channel, new NoticePacing(Lull: TimeSpan.FromSeconds(1), MaxHold: TimeSpan.FromMilliseconds(200)));

        // A change every 50 ms for 3 s: never a lull, so only the longest hold lets the first notice out.
        var queued = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            await queue.SendAfterAsync(Notice(queued++), CancellationToken.None);
            await Task.Delay(50);
        }

        var burstEnded = clock.Elapsed;
        await WaitUntilAsync(() => queue.Pending == 0);

        Assert.Equal(queued, channel.Sent.Count);
        Assert.True(channel.Sent[0].At < burstEnded, $"the first notice went out {channel.Sent[0].At}, after the changes stopped at {burstEnded}");
    }

    [Fact]
    public async Task A_stopping_service_sends_the_notices_it_holds_without_waiting_for_a_lull()
    {
        var channel = new TimedChannel(Stopwatch.StartNew());
        using var queue = Queue(channel, new NoticePacing(Lull: TimeSpan.FromMinutes(5), MaxHold: TimeSpan.FromMinutes(10)));
        await queue.SendAfterAsync(Notice(1), CancellationToken.None);
        await queue.SendAfterAsync(Notice(2), CancellationToken.None);

        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await queue.StopAsync(shutdown.Token);

        Assert.Equal(["1", "2"], channel.Sent.Select(s => s.Campaign));
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task A_notice_sent_in_turn_goes_out_after_the_ones_queued_before_it_without_waiting_for_their_lull()
    {
        var channel = new TimedChannel(Stopwatch.StartNew());
        using var queue = Queue(channel, new NoticePacing(Lull: TimeSpan.FromMinutes(5), MaxHold: TimeSpan.FromMinutes(10)));
        await queue.SendAfterAsync(Notice(1), CancellationToken.None);
        await queue.SendAfterAsync(Notice(2), CancellationToken.None);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await queue.SendInTurnAsync(Notice(3), patience.Token);

        Assert.Equal(["1", "2", "3"], channel.Sent.Select(s => s.Campaign));
    }

    private static NoticeQueue Queue(ICampaignNotifier channel, NoticePacing pacing) =>
        new(new Notifier([channel], NullLogger<Notifier>.Instance), pacing, NullLogger<NoticeQueue>.Instance);

    private static CampaignNotice Notice(int campaign) =>
        new CampaignNotice.ApprovalExpired(new ApprovalRequestRecord { CampaignName = campaign.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "The queued notices were not sent.");
            await Task.Delay(20);
        }
    }

    /// <summary>What it was sent, and when, on the test's own clock.</summary>
    private sealed class TimedChannel(Stopwatch clock) : ICampaignNotifier
    {
        private readonly ConcurrentQueue<(string Campaign, TimeSpan At)> _sent = new();

        public IReadOnlyList<(string Campaign, TimeSpan At)> Sent => [.. _sent];

        public Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken)
        {
            _sent.Enqueue((((CampaignNotice.ApprovalExpired)notice).Request.CampaignName, clock.Elapsed));
            return Task.CompletedTask;
        }
    }
}
