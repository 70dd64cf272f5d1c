using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CampaignBot.Chat.Web;

/// <summary>Says at start-up, in Development, where to open the chat: the first thing someone trying the service needs.</summary>
internal static partial class WebChatAddresses
{
    public static void LogOnStart(IServiceProvider services)
    {
        if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CampaignBot.Chat.Web");
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
        {
            var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses.Select(ChatAddress).OfType<string>().Distinct(StringComparer.Ordinal).Take(1))
            {
                LogOpen(logger, address);
            }
        });
    }

    /// <summary>
    /// "http://localhost:5080/chat" for a listening address; a wildcard host (0.0.0.0, [::], +, *) is opened as localhost.
    /// Null for an address a browser cannot open.
    /// </summary>
    public static string? ChatAddress(string listening)
    {
        var text = listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port, "/chat").Uri.ToString();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Open the chat at {Address}")]
    private static partial void LogOpen(ILogger logger, string address);
}
