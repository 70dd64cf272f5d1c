namespace CampaignBot.App.Application;

/// <summary>
/// A clock stopped at the instant a draft was saved: validating a stored draft as of then gives the same
/// definition every time, instead of re-judging a launch time that has since passed.
/// </summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
