using System.Net;

namespace CampaignBot.Chat.Teams;

/// <summary>Which addresses count as this machine: the only place plain http and unauthenticated local clients are allowed.</summary>
internal static class Loopback
{
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>https anywhere, http only on loopback (test fixtures and local clients).</summary>
    public static bool IsAllowedEndpoint(Uri url) =>
        url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url));
}
