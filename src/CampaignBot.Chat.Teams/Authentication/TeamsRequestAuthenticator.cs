using System.Net;
using CampaignBot.Chat.Teams.Connector;

namespace CampaignBot.Chat.Teams.Authentication;

/// <summary>
/// Decides whether an inbound activity is let in: a valid token, or the loopback development mode. On acceptance its
/// serviceUrl becomes one the connector client may call; nothing is learned from a refused request.
/// </summary>
public sealed class TeamsRequestAuthenticator(TeamsTokenValidator tokens, TeamsDevelopmentMode development, TrustedServiceUrls trustedServiceUrls)
{
    /// <param name="authorization">The Authorization header as received (may be absent).</param>
    /// <param name="remoteAddress">The TCP peer, for the development mode's loopback rule (never a forwarded header).</param>
    /// <param name="channelId">The activity's channelId.</param>
    /// <param name="serviceUrl">The activity's serviceUrl.</param>
    public async Task<TeamsAuthResult> AuthenticateAsync(string? authorization, IPAddress? remoteAddress, string channelId, string serviceUrl, CancellationToken cancellationToken = default)
    {
        if (TrustedServiceUrls.BaseUri(serviceUrl) is not { } baseUri)
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.ServiceUrlMismatch, "The activity's serviceUrl is not an https URL (http only on loopback).");
        }

        var result = await tokens.ValidateAsync(authorization, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
        // Without an App ID nothing is accepted, not even in development mode: the endpoint is closed.
        if (result is TeamsAuthResult.Refused { Reason: not TeamsAuthRefusal.NotConfigured } && development.AdmitsUnauthenticated(remoteAddress, baseUri))
        {
            result = new TeamsAuthResult.Accepted(TeamsCallerKind.DevelopmentLoopback);
        }

        if (result.IsAccepted)
        {
            trustedServiceUrls.Trust(serviceUrl);
        }

        return result;
    }
}
