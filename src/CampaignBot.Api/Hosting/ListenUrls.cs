namespace CampaignBot.Api.Hosting;

/// <summary>
/// Where the service listens when nobody said: http://localhost:5080, for <c>dotnet run</c> and a published app alike.
/// Any of ASP.NET Core's own settings wins — <c>--urls</c>, <c>Urls</c> (environment or appsettings), <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (set by the official container images) or <c>Kestrel:Endpoints</c>.
/// The default lives here because both usual places break one of them: <c>Urls</c> in appsettings.json outranks
/// ASPNETCORE_URLS, and <c>dotnet run</c> writes a launch profile's applicationUrl over the caller's ASPNETCORE_URLS.
/// </summary>
public static class ListenUrls
{
    public const string Default = "http://localhost:5080";

    public static WebApplicationBuilder ListenOnDefaultUnlessSet(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsSet(builder.Configuration))
        {
            builder.WebHost.UseUrls(Default);
        }

        return builder;
    }

    /// <summary>Whether the configuration (command line, environment, appsettings) already says where to listen.</summary>
    public static bool IsSet(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
    }
}
