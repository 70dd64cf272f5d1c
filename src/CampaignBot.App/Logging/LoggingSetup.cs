using Microsoft.Extensions.Http;

namespace CampaignBot.App.Logging;

/// <summary>
/// The service's one logging rule (README, Logging): no credential-bearing URL, token, secret, email address, phone
/// number or customer value reaches a log. Outbound calls are logged by <see cref="OutboundCallLog"/> alone, and the
/// framework categories that would write a raw URL stay at Warning whatever the configuration says.
/// </summary>
public static class LoggingSetup
{
    /// <summary>The named HttpClient pipeline the destination connectors send through.</summary>
    public const string DestinationsClient = "destinations";

    // Each logs a request's full URL below Warning: the path of a Slack response_url is its credential, and a query
    // may carry a customer's email (GET /api/campaigns/{id}/explain?customer=…) or a presigned signature.
    private static readonly string[] RawUrlCategories =
    [
        // "Request starting GET http://host/path?query" and "Request finished …", for every inbound request.
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        // Quotes a malformed request line, query and all.
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        // IHttpClientFactory's own handlers: the full URL, and header values in the structured state at Trace.
        // They are removed below; this keeps them quiet should a client add them back.
        "System.Net.Http.HttpClient",
    ];

    public static IServiceCollection AddRedactedLogging(this IServiceCollection services)
    {
        services.ConfigureHttpClientDefaults(http => http
            .RemoveAllLoggers()
            .AddHttpMessageHandler(provider => new OutboundCallLog(provider.GetRequiredService<ILogger<OutboundCallLog>>())));
        services.PostConfigure<LoggerFilterOptions>(PinRawUrlCategories);
        return services;
    }

    /// <summary>The transport of one destination connector: the destinations pipeline, logged like every other client.</summary>
    /// <remarks>
    /// A connector keeps its transport for its life. The factory's primary handler is a SocketsHttpHandler whose
    /// PooledConnectionLifetime is the handler lifetime, so connections are still renewed and DNS changes picked up.
    /// </remarks>
    public static HttpMessageHandler DestinationTransport(IServiceProvider provider) =>
        provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(DestinationsClient);

    private static void PinRawUrlCategories(LoggerFilterOptions options)
    {
        // A rule for a provider beats a rule for all of them, and among equals the last one wins: so one rule per
        // provider named in the configuration, added after it (post-configure runs after the configuration binds).
        var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
        foreach (var category in RawUrlCategories)
        {
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, filter: null));
            }
        }
    }
}
