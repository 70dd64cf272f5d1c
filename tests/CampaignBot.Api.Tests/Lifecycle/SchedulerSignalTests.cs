using CampaignBot.App.Application;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class SchedulerSignalTests
{
    [Fact]
    public async Task A_wake_after_a_timed_out_wait_ends_the_next_wait_at_once()
    {
        var clock = new FakeTimeProvider(LifecycleHost.Start);
        var signal = new SchedulerSignal();
        var first = signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await first;

        signal.Wake();
        var second = signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None);

        Assert.Same(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task Without_a_wake_the_wait_lasts_the_poll_interval()
    {
        var clock = new FakeTimeProvider(LifecycleHost.Start);
        var signal = new SchedulerSignal();

        var wait = signal.WaitAsync(TimeSpan.FromMinutes(1), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await wait;
    }
}
