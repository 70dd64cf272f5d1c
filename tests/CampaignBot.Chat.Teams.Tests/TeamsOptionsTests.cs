using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Chat.Teams.Tests;

public sealed class TeamsOptionsTests
{
    private const string AppId = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

    private static TeamsOptions Bind(Dictionary<string, string?> settings)
    {
        using var services = TeamsTestServices.Build(settings, new FakeTimeProvider());
        return services.GetRequiredService<IOptions<TeamsOptions>>().Value;
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(settings));
        return [.. error.Failures];
    }

    [Fact]
    public void Service_starts_without_teams_and_teams_stays_closed()
    {
        var options = Bind([]);

        Assert.False(options.IsConfigured);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Null(options.ResolvedEntraMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", options.ResolvedTokenEndpoint);
    }

    [Fact]
    public void A_single_tenant_bot_gets_its_tenant_in_the_entra_metadata_and_token_urls()
    {
        var options = Bind(new()
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "secret",
            ["Teams:TenantId"] = "contoso.onmicrosoft.com",
            ["Teams:ApprovalsConversation"] = "19:approvals@thread.tacv2",
            ["Teams:AlertsConversation"] = "19:alerts@thread.tacv2",
        });

        Assert.True(options.IsConfigured);
        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration", options.ResolvedEntraMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", options.ResolvedTokenEndpoint);
        Assert.Equal("19:approvals@thread.tacv2", options.ApprovalsConversation);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_naming_its_key()
    {
        var failures = Failures(new()
        {
            ["Teams:AppId"] = "campaignbot",
            ["Teams:TenantId"] = "not a tenant",
            ["Teams:OpenIdMetadataUrl"] = "http://login.botframework.com/v1/.well-known/openidconfiguration",
            ["Teams:EntraMetadataUrl"] = "login.microsoftonline.com/x",
            ["Teams:TokenEndpoint"] = "ftp://127.0.0.1/token",
            ["Teams:ApprovalsConversation"] = "",
            ["Teams:AlertsConversation"] = "19:alerts @thread",
        });

        Assert.Equal(8, failures.Count);
        foreach (var key in new[] { "AppId", "AppPassword", "TenantId", "OpenIdMetadataUrl", "EntraMetadataUrl", "TokenEndpoint", "ApprovalsConversation", "AlertsConversation" })
        {
            Assert.Contains(failures, f => f.StartsWith($"Teams:{key} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_secret_is_needed_unless_only_local_clients_are_served()
    {
        Assert.Contains(Failures(new() { ["Teams:AppId"] = AppId }), f => f.StartsWith("Teams:AppPassword", StringComparison.Ordinal));
        Assert.True(Bind(new() { ["Teams:AppId"] = AppId, ["Teams:AllowUnauthenticatedLoopback"] = "true" }).AllowUnauthenticatedLoopback);
    }

    [Fact]
    public void Plain_http_urls_are_accepted_only_on_loopback()
    {
        var options = Bind(new()
        {
            ["Teams:OpenIdMetadataUrl"] = "http://127.0.0.1:5999/v1/.well-known/openidconfiguration",
            ["Teams:EntraMetadataUrl"] = "http://localhost:5999/{TenantId}/v2.0/.well-known/openid-configuration",
            ["Teams:TokenEndpoint"] = "http://[::1]:5999/{tenant}/oauth2/v2.0/token",
        });

        Assert.StartsWith("http://127.0.0.1:5999/", options.OpenIdMetadataUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_messages_never_echo_the_secret()
    {
        var failures = Failures(new() { ["Teams:AppId"] = "not-a-guid", ["Teams:AppPassword"] = "s3cr3t-value" });

        Assert.DoesNotContain(failures, f => f.Contains("s3cr3t-value", StringComparison.Ordinal));
    }
}
