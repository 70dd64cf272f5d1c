namespace CampaignBot.App.Mail;

/// <summary>When the outbox tries a mail again after a transient failure.</summary>
public static class MailBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(15);

    /// <summary>Jitter adds up to this share of the delay.</summary>
    public const double JitterShare = 0.1;

    /// <summary>
    /// 10 s after the first failed attempt, doubling each time (20 s, 40 s …) up to 15 min, plus up to 10 % jitter
    /// (<paramref name="jitter"/> in [0, 1)) so mails that failed together do not all retry in the same second.
    /// </summary>
    public static TimeSpan After(int failedAttempts, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);
        var seconds = Math.Min(First.TotalSeconds * Math.Pow(2, failedAttempts - 1), Cap.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (1 + (JitterShare * jitter)));
    }
}
