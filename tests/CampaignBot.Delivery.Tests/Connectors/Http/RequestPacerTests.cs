using CampaignBot.Delivery.Connectors.Http;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Delivery.Tests.Connectors.Http;

public sealed class RequestPacerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_quota_others_used_up_holds_the_next_request_until_the_service_says_it_resets()
    {
        var pacer = new RequestPacer([new RateWindow(10, TimeSpan.FromSeconds(1))], _clock);
        pacer.Answered(await pacer.WaitAsync(CancellationToken.None));

        // The service counted ten calls in its window, one of them ours.
        pacer.Observe(new ServiceQuota(10, 0, TimeSpan.FromSeconds(2)));
        var next = pacer.WaitAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await Task.Delay(50);
        Assert.False(next.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(0.5) + RequestPacer.Margin(TimeSpan.FromSeconds(2)));
        var granted = await next.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(_clock.GetUtcNow(), granted!.At);
    }

    [Fact]
    public async Task A_tier_below_the_configured_one_is_paced_by_the_services_quota()
    {
        var pacer = new RequestPacer([new RateWindow(10, TimeSpan.FromSeconds(1))], _clock);
        pacer.Answered(await pacer.WaitAsync(CancellationToken.None));
        pacer.Observe(new ServiceQuota(3, 1, TimeSpan.FromSeconds(1)));

        pacer.Answered(await pacer.WaitAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        var third = pacer.WaitAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(1) + RequestPacer.Margin(TimeSpan.FromSeconds(1)));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task When_the_service_counted_only_our_calls_our_finer_windows_decide()
    {
        var pacer = new RequestPacer([new RateWindow(2, TimeSpan.FromSeconds(1))], _clock);
        pacer.Answered(await pacer.WaitAsync(CancellationToken.None));
        pacer.Answered(await pacer.WaitAsync(CancellationToken.None));

        // Whole seconds: the service rounds its reset up, our windows know the exact moment.
        pacer.Observe(new ServiceQuota(2, 0, TimeSpan.FromSeconds(3)));
        var third = pacer.WaitAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(1) + RequestPacer.Margin(TimeSpan.FromSeconds(1)));
        var granted = await third.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(_clock.GetUtcNow(), granted!.At);
    }

    [Fact]
    public async Task A_request_beyond_the_window_waits_until_the_oldest_has_left_it_with_the_margin()
    {
        var pacer = new RequestPacer([new RateWindow(2, TimeSpan.FromSeconds(1))], _clock);
        pacer.Answered(await pacer.WaitAsync(CancellationToken.None));
        pacer.Answered(await pacer.WaitAsync(CancellationToken.None));

        var third = pacer.WaitAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        _clock.Advance(RequestPacer.Margin(TimeSpan.FromSeconds(1)));
        var granted = await third.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(_clock.GetUtcNow(), granted!.At);
    }

    [Fact]
    public async Task Every_window_is_kept_not_only_the_shortest()
    {
        var pacer = new RequestPacer([new RateWindow(10, TimeSpan.FromSeconds(1)), new RateWindow(3, TimeSpan.FromMinutes(1))], _clock);
        for (var i = 0; i < 3; i++)
        {
            pacer.Answered(await pacer.WaitAsync(CancellationToken.None));
        }

        var fourth = pacer.WaitAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(2) + RequestPacer.Margin(TimeSpan.FromMinutes(1)));
        Assert.NotNull(await fourth.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_request_answered_late_pushes_the_next_ones_back()
    {
        var pacer = new RequestPacer([new RateWindow(1, TimeSpan.FromSeconds(1))], _clock);
        var first = await pacer.WaitAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(700));
        pacer.Answered(first);

        var second = pacer.WaitAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(700) + RequestPacer.Margin(TimeSpan.FromSeconds(1)));
        Assert.NotNull(await second.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_request_still_in_flight_holds_the_next_back_however_long_it_takes()
    {
        var pacer = new RequestPacer([new RateWindow(1, TimeSpan.FromSeconds(1))], _clock);
        var first = await pacer.WaitAsync(CancellationToken.None);

        // The service may count it only when it gets to it: until its answer is back it counts as arriving now.
        var second = pacer.WaitAsync(CancellationToken.None).AsTask();
        for (var i = 0; i < 50; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }

        Assert.False(second.IsCompleted);
        pacer.Answered(first);
        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(99));
            await Task.Delay(1);
        }

        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(10) + RequestPacer.Margin(TimeSpan.FromSeconds(1)));
        var granted = await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(granted!.At - first!.At >= TimeSpan.FromSeconds(1), $"granted {(granted.At - first.At).TotalMilliseconds} ms after the first was answered");
    }
}
