namespace CampaignBot.Chat.Teams;

/// <summary>
/// The "Teams" section. Everything is optional so the service starts without Teams; without
/// <see cref="AppId"/> every inbound activity is refused and nothing is sent (see <see cref="IsConfigured"/>).
/// URLs may hold the placeholder <c>{TenantId}</c> (or <c>{tenant}</c>), filled in from <see cref="TenantId"/>.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultEntraMetadataUrl = "https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration";
    public const string DefaultTokenEndpoint = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    /// <summary>Multi-tenant bots get their outbound token from the Bot Framework tenant (T3).</summary>
    public const string MultiTenantTokenTenant = "botframework.com";

    /// <summary>The bot's Microsoft App ID (the Entra app registration's client id): the audience of inbound tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>The app registration's client secret, for outbound tokens. Never logged.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Set for a single-tenant bot: outbound tokens come from this tenant and its Entra ID v2 tokens are accepted.</summary>
    public string? TenantId { get; set; }

    /// <summary>Bot Framework channel tokens' OpenID metadata (T2 step 2).</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Entra ID v2 OpenID metadata of <see cref="TenantId"/>; used only when the tenant is set.</summary>
    public string EntraMetadataUrl { get; set; } = DefaultEntraMetadataUrl;

    /// <summary>The client-credentials token endpoint for calls to the Bot Connector (T3).</summary>
    public string TokenEndpoint { get; set; } = DefaultTokenEndpoint;

    /// <summary>Conversation id (19:…@thread.tacv2 for a channel) where approval requests go.</summary>
    public string? ApprovalsConversation { get; set; }

    /// <summary>Conversation id where delivery alerts go.</summary>
    public string? AlertsConversation { get; set; }

    /// <summary>
    /// For local clients such as the Agents Playground, which send no JWT: accept unauthenticated activities from
    /// loopback and skip the outbound token for loopback serviceUrls. Honoured only in Development (see TeamsDevelopmentMode).
    /// </summary>
    public bool AllowUnauthenticatedLoopback { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>The Entra metadata URL with the tenant filled in, or null when no tenant is set (Entra tokens are then refused).</summary>
    public string? ResolvedEntraMetadataUrl => string.IsNullOrWhiteSpace(TenantId) ? null : WithTenant(EntraMetadataUrl, TenantId.Trim());

    /// <summary>The token endpoint for this bot: the tenant's for single-tenant bots, botframework.com's otherwise.</summary>
    public string ResolvedTokenEndpoint => WithTenant(TokenEndpoint, string.IsNullOrWhiteSpace(TenantId) ? MultiTenantTokenTenant : TenantId.Trim());

    internal static string WithTenant(string url, string tenant) => url
        .Replace("{TenantId}", tenant, StringComparison.OrdinalIgnoreCase)
        .Replace("{tenant}", tenant, StringComparison.OrdinalIgnoreCase);
}
