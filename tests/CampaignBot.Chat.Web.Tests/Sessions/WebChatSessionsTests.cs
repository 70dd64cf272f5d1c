using CampaignBot.Chat.Web.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Chat.Web.Tests.Sessions;

public sealed class WebChatSessionsTests
{
    [Fact]
    public void A_token_finds_its_person_until_it_expires_or_ends()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2027-03-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var sessions = new WebChatSessions(clock);
        var maya = sessions.Start("maya");
        var omar = sessions.Start("omar");

        Assert.Equal("maya", sessions.PersonOf(maya));
        Assert.Null(sessions.PersonOf(maya + "x"));
        Assert.Null(sessions.PersonOf(null));
        Assert.Equal(["maya", "omar"], sessions.SignedIn().Order());

        sessions.End(omar);
        Assert.Null(sessions.PersonOf(omar));

        clock.Advance(WebChatSessions.Lifetime);
        Assert.Null(sessions.PersonOf(maya));
        Assert.Empty(sessions.SignedIn());
    }

    [Fact]
    public void Tokens_are_long_random_and_distinct()
    {
        var sessions = new WebChatSessions(TimeProvider.System);

        var tokens = Enumerable.Range(0, 50).Select(_ => sessions.Start("maya")).ToList();

        Assert.Equal(50, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.True(t.Length >= 40, t));
    }

    [Fact]
    public void Signing_in_past_the_limit_ends_the_oldest_session_of_that_person()
    {
        var clock = new FakeTimeProvider();
        var sessions = new WebChatSessions(clock);
        var first = sessions.Start("maya");
        clock.Advance(TimeSpan.FromMinutes(1));
        var rest = Enumerable.Range(0, WebChatSessions.PerPerson).Select(_ => sessions.Start("maya")).ToList();

        Assert.Null(sessions.PersonOf(first));
        Assert.All(rest, t => Assert.Equal("maya", sessions.PersonOf(t)));
    }
}
