namespace CampaignBot.Chat.Teams.Tests.Fakes;

/// <summary>What a minted test token says. Defaults make a valid Bot Framework channel token for the fixture's app.</summary>
public sealed record FakeTokenSpec
{
    public string? Issuer { get; init; } = CampaignBot.Chat.Teams.Authentication.TeamsTokenValidator.BotFrameworkIssuer;

    public string? Audience { get; init; } = TeamsIdentityFixture.AppId;

    public string? ServiceUrl { get; init; }

    /// <summary>Relative to the fixture clock's now.</summary>
    public TimeSpan NotBefore { get; init; } = TimeSpan.FromMinutes(-1);

    public TimeSpan Expires { get; init; } = TimeSpan.FromMinutes(59);

    /// <summary>The key that signs; null signs with the default Bot Framework key.</summary>
    public FakeSigningKey? SigningKey { get; init; }

    /// <summary>The kid written in the header; defaults to the signing key's.</summary>
    public string? Kid { get; init; }
}
