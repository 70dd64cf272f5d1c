using System.Globalization;
using System.Net;
using CampaignBot.Api.Http;
using CampaignBot.Chat.Teams.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Bench.Teams;

/// <summary>A Teams user of the benchmark: their Teams id, Entra object id and name.</summary>
internal sealed record TeamsPerson(string PersonId, string TeamsId, string AadObjectId, string Name)
{
    public string PersonalChat => $"a:personal-{PersonId}";
}

/// <summary>
/// The service's own Program on Kestrel at 127.0.0.1 (a real socket), on embedded defaults in a temporary folder, with
/// Teams configured as in production but against loopback stand-ins: the identity fixture's OpenID metadata, JWKS and
/// token endpoint (so inbound JWTs are checked by the real validator) and a Bot Connector fake. Maya (marketer) writes
/// the campaigns, Omar (approver) approves them; both are known by their Entra object ids. The scheduler is off, so
/// approved campaigns wait and the burst measures the clicks alone.
/// </summary>
// The bench's own top-level Program hides the service's, so the entry assembly is named by a type in CampaignBot.Api itself.
internal sealed class TeamsInvokeService : WebApplicationFactory<ApiOptions>
{
    public const string Approvals = "19:approvals@thread.tacv2";
    public const string BotId = "28:" + TeamsIdentityFixture.AppId;

    public static readonly TeamsPerson Maya = new("maya", "29:maya", "00000000-0000-0000-0000-00000000b001", "Maya Marketer");
    public static readonly TeamsPerson Omar = new("omar", "29:omar", "00000000-0000-0000-0000-00000000b002", "Omar Approver");

    private readonly Dictionary<string, string?> _settings;

    private TeamsInvokeService(string folder, long customers, TeamsIdentityFixture identity) => _settings = new()
    {
        ["Storage:LiteDbPath"] = Path.Combine(folder, "campaignbot.db"),
        ["Customers:DuckDbPath"] = Path.Combine(folder, "customers.duckdb"),
        ["Customers:DemoCustomers"] = customers.ToString(CultureInfo.InvariantCulture),
        ["Customers:DuckDbMemoryLimit"] = "256MB",
        ["Scheduler:Enabled"] = "false",
        // The campaigns send first names to the outbox, which by default needs two approvers: one click decides here.
        ["Approvals:PersonalAttributesApprovers"] = "1",
        ["Destinations:0:Name"] = "outbox",
        ["Destinations:0:Kind"] = "LocalFolder",
        ["Destinations:0:Location"] = Path.Combine(folder, "outbox"),
        ["Users:People:0:Id"] = Maya.PersonId,
        ["Users:People:0:Name"] = Maya.Name,
        ["Users:People:0:Roles:0"] = "marketer",
        ["Users:People:0:TeamsObjectIds:0"] = Maya.AadObjectId,
        ["Users:People:1:Id"] = Omar.PersonId,
        ["Users:People:1:Name"] = Omar.Name,
        ["Users:People:1:Roles:0"] = "approver",
        ["Users:People:1:TeamsObjectIds:0"] = Omar.AadObjectId,
        ["Teams:AppId"] = TeamsIdentityFixture.AppId,
        ["Teams:AppPassword"] = TeamsIdentityFixture.AppPassword,
        ["Teams:TenantId"] = TeamsIdentityFixture.TenantId,
        ["Teams:OpenIdMetadataUrl"] = identity.BotFrameworkMetadataUrl,
        ["Teams:EntraMetadataUrl"] = identity.EntraMetadataUrlTemplate,
        ["Teams:TokenEndpoint"] = identity.TokenEndpointTemplate,
        ["Teams:ApprovalsConversation"] = Approvals,
    };

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    public static TeamsInvokeService Start(string folder, long customers, TeamsIdentityFixture identity)
    {
        // As SlackAckService: the build copied the service's appsettings.json beside the benchmark, so start there.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CAMPAIGNBOT_API", AppContext.BaseDirectory);
        var service = new TeamsInvokeService(folder, customers, identity);
        service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        service.StartServer();
        var address = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        return service;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
