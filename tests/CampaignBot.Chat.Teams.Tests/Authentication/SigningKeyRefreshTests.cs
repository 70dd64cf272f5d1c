using CampaignBot.Chat.Teams.Authentication;

namespace CampaignBot.Chat.Teams.Tests.Authentication;

public sealed class SigningKeyRefreshTests : TokenValidationTestBase
{
    private int KeyFetches => Identity.CountRequests("/v1/.well-known/keys");

    [Fact]
    public async Task Keys_are_fetched_once_and_reused()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await ValidateTokenAsync(Channel)).IsAccepted);
        }

        Assert.Equal(1, KeyFetches);
        Assert.Equal(1, Identity.CountRequests("/v1/.well-known/openidconfiguration"));
    }

    [Fact]
    public async Task Unknown_kids_refresh_the_keys_at_most_every_five_minutes()
    {
        await ValidateTokenAsync(Channel);
        Time.Advance(OpenIdSigningKeys.MinRefreshInterval);
        var stranger = Channel with { SigningKey = Identity.StrangerKey };

        for (var i = 0; i < 5; i++)
        {
            AssertRefused(TeamsAuthRefusal.UnknownKey, await ValidateTokenAsync(stranger));
            Time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(2, KeyFetches);
        Time.Advance(OpenIdSigningKeys.MinRefreshInterval);
        AssertRefused(TeamsAuthRefusal.UnknownKey, await ValidateTokenAsync(stranger));
        Assert.Equal(3, KeyFetches);
    }

    [Fact]
    public async Task A_rotated_key_is_picked_up_on_its_first_token()
    {
        Assert.True((await ValidateTokenAsync(Channel)).IsAccepted);
        Time.Advance(TimeSpan.FromMinutes(6));
        Identity.PublishLateKey();

        var result = await ValidateTokenAsync(Channel with { SigningKey = Identity.LateKey });

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(2, KeyFetches);
    }

    [Fact]
    public async Task A_rotated_key_seen_within_the_interval_waits_for_the_next_refresh()
    {
        Assert.True((await ValidateTokenAsync(Channel)).IsAccepted);
        Identity.PublishLateKey();
        var late = Channel with { SigningKey = Identity.LateKey };

        AssertRefused(TeamsAuthRefusal.UnknownKey, await ValidateTokenAsync(late));
        Time.Advance(OpenIdSigningKeys.MinRefreshInterval);

        Assert.True((await ValidateTokenAsync(late)).IsAccepted);
    }

    [Fact]
    public async Task Keys_are_refreshed_after_a_day()
    {
        await ValidateTokenAsync(Channel);
        Time.Advance(TimeSpan.FromHours(23));
        await ValidateTokenAsync(Channel);
        Assert.Equal(1, KeyFetches);

        Time.Advance(TimeSpan.FromHours(1));
        Assert.True((await ValidateTokenAsync(Channel)).IsAccepted);

        Assert.Equal(2, KeyFetches);
    }

    [Fact]
    public async Task Concurrent_first_requests_fetch_the_keys_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ValidateTokenAsync(Channel)));

        Assert.All(results, r => Assert.True(r.IsAccepted));
        Assert.Equal(1, KeyFetches);
    }
}
