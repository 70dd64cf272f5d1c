using CampaignBot.Api.Hosting;
using System.Net;
using System.Text.Json;
using CampaignBot.App.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CampaignBot.Api.Tests.Hosting;

/// <summary>Where the service listens: ASP.NET Core's settings as usual, http://localhost:5080 when none is given.</summary>
public sealed class ListenUrlsTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_built_service_listens_where_ASPNETCORE_URLS_Urls_or_the_urls_argument_says()
    {
        var (byAspNetCoreUrls, byUrls, byArgument, outranked) = (ServiceProcess.FreePort(), ServiceProcess.FreePort(), ServiceProcess.FreePort(), ServiceProcess.FreePort());
        await using var aspNetCoreUrls = new ServiceProcess(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{byAspNetCoreUrls}" });
        await using var urls = new ServiceProcess(new Dictionary<string, string> { ["Urls"] = $"http://127.0.0.1:{byUrls}" });
        await using var argument = new ServiceProcess(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{outranked}" }, "--urls", $"http://127.0.0.1:{byArgument}");

        // Started together, checked in turn: the slowest start bounds the test, not their sum.
        Assert.Equal(HttpStatusCode.OK, await aspNetCoreUrls.HealthAsync(byAspNetCoreUrls, StartTimeout));
        Assert.Equal(HttpStatusCode.OK, await urls.HealthAsync(byUrls, StartTimeout));
        Assert.Equal(HttpStatusCode.OK, await argument.HealthAsync(byArgument, StartTimeout));
        Assert.Null(await argument.HealthAsync(outranked, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void Without_any_address_setting_the_service_listens_on_localhost_5080()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        builder.ListenOnDefaultUnlessSet();

        Assert.Equal("http://localhost:5080", builder.Configuration["urls"]);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8081")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:9000")]
    public void Any_of_aspnet_cores_address_settings_replaces_the_default(string key, string value)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });

        builder.ListenOnDefaultUnlessSet();

        Assert.True(ListenUrls.IsSet(builder.Configuration));
        Assert.NotEqual("http://localhost:5080", builder.Configuration["urls"]);
    }

    [Fact]
    public void Neither_appsettings_nor_the_launch_profile_names_an_address_that_would_hide_ASPNETCORE_URLS()
    {
        var project = Path.Combine(Root(), "src", "CampaignBot.Api");
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "appsettings.json")));
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "Properties", "launchSettings.json")));

        Assert.DoesNotContain(settings.RootElement.EnumerateObject(), p => p.NameEquals("Urls"));
        Assert.All(launch.RootElement.GetProperty("profiles").EnumerateObject(), profile =>
        {
            Assert.False(profile.Value.TryGetProperty("applicationUrl", out _), "dotnet run writes applicationUrl over the caller's ASPNETCORE_URLS.");
            Assert.Equal("Development", profile.Value.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        });
    }

    private static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CampaignBot.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException("CampaignBot.sln is not above the test folder.");
    }
}
