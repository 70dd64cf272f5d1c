using CampaignBot.App.Mail;

namespace CampaignBot.Api.Tests.Mail;

public sealed class MailBackoffTests
{
    [Fact]
    public void Retries_wait_10_seconds_then_double_up_to_15_minutes()
    {
        var delays = Enumerable.Range(1, 11).Select(attempt => MailBackoff.After(attempt, jitter: 0).TotalSeconds);

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 900, 900, 900, 900], delays);
    }

    [Fact]
    public void Jitter_adds_at_most_a_tenth()
    {
        Assert.InRange(MailBackoff.After(1, jitter: 0.999_999).TotalSeconds, 10.99, 11);
        Assert.InRange(MailBackoff.After(30, jitter: 0.999_999).TotalSeconds, 989, 990);
    }

    [Fact]
    public void Very_many_attempts_stay_at_the_cap() =>
        Assert.Equal(TimeSpan.FromMinutes(15), MailBackoff.After(100, jitter: 0));
}
