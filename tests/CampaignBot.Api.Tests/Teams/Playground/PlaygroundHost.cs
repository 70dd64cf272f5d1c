using System.Net;
using CampaignBot.Api.Tests.Alerts;
using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.App.Scheduling;
using CampaignBot.App.Users;
using CampaignBot.Chat.Teams.Tests;
using CampaignBot.Delivery.Tests.Fakes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Teams.Playground;

/// <summary>
/// The real service on Kestrel at 127.0.0.1 in Development with Teams:AllowUnauthenticatedLoopback (the Playground sends
/// no token), a Klaviyo destination played by a loopback fake, and one Agents Playground talking to it, shared by the
/// tests of a class. The bot is installed in the team at start, so the approvals and alerts channels are known.
/// The scheduler is off: tests run its passes themselves.
/// </summary>
public sealed class PlaygroundHost : IAsyncLifetime
{
    internal CampaignBotFactory Service { get; private set; } = null!;

    internal AgentsPlayground Playground { get; private set; } = null!;

    internal FakeDestination Destination { get; private set; } = null!;

    public Uri ServiceAddress { get; private set; } = null!;

    internal T Get<T>()
        where T : notnull => Service.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        if (NodeTools.Directory is null)
        {
            return;
        }

        Destination = await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true });
        var settings = new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "false",
            ["Scheduler:BatchAttempts"] = "1",
            ["Teams:AppId"] = AgentsPlayground.BotId,
            ["Teams:AllowUnauthenticatedLoopback"] = "true",
            ["Teams:ApprovalsConversation"] = AgentsPlayground.Team,
            ["Teams:AlertsConversation"] = AgentsPlayground.AlertsChannel,
            ["Users:People:0:Roles:1"] = "approver",
            ["Users:People:0:TeamsObjectIds:0"] = AgentsPlayground.Maya.AadObjectId,
            ["Users:People:1:TeamsObjectIds:0"] = AgentsPlayground.Omar.AadObjectId,
            ["Users:People:2:TeamsObjectIds:0"] = AgentsPlayground.Ada.AadObjectId,
            ["Users:People:3:TeamsObjectIds:0"] = AgentsPlayground.Vic.AadObjectId,
            ["Users:People:5:Id"] = "olga",
            ["Users:People:5:Name"] = "Olga On-call",
            ["Users:People:5:Roles:0"] = "oncall",
            ["Users:People:5:TeamsObjectIds:0"] = AgentsPlayground.Olga.AadObjectId,
        };
        foreach (var (key, value) in Destination.Settings)
        {
            settings[key] = value;
        }

        // The attributes a deployment would configure for Klaviyo, so the wizard's destination step is complete as chosen.
        foreach (var (attribute, index) in Destination.Attributes.Select((a, i) => (a, i)))
        {
            settings[$"Destinations:1:DefaultAttributes:{index}"] = attribute;
        }

        Service = new CampaignBotFactory(settings);
        Service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Service.StartServer();
        var address = Get<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ServiceAddress = new Uri(address.TrimEnd('/') + "/");
        Playground = await AgentsPlayground.StartAsync(new Uri(ServiceAddress, "api/messages"));

        await Playground.InstallAsync(AgentsPlayground.Team, AgentsPlayground.Ada);
        await Playground.WaitForAsync("createMessage", AgentsPlayground.Team, e => e.Text.Contains("Hello!", StringComparison.Ordinal));
    }

    /// <summary>The status of the campaign called <paramref name="name"/>, as an admin reads it.</summary>
    internal string CampaignStatus(string name) => Campaign(name).Status.ToString();

    /// <summary>The status of the campaign's latest run.</summary>
    internal string RunStatus(string name) =>
        Get<RunService>().ForCampaign(Campaign(name).Id, Admin) is ServiceResult<IReadOnlyList<RunView>>.Ok { Value: [.., var last] }
            ? last.Status
            : throw new Xunit.Sdk.XunitException($"{name} has no run.");

    private Actor Admin => new(Get<UserDirectory>().ById("ada")!, "test");

    private CampaignView Campaign(string name) =>
        Get<CampaignService>().Find(new CampaignQuery { Search = name }, Admin) is ServiceResult<CampaignPage>.Ok { Value.Items: [var campaign] }
            ? campaign
            : throw new Xunit.Sdk.XunitException($"No single campaign called {name}.");

    /// <summary>One scheduler pass, waiting for every run it started.</summary>
    internal async Task TickAsync() => await Task.WhenAll(await Get<CampaignScheduler>().TickAsync(8, CancellationToken.None));

    public async Task DisposeAsync()
    {
        if (NodeTools.Directory is null)
        {
            return;
        }

        await Playground.DisposeAsync();
        await Service.DisposeAsync();
        await Destination.Service.DisposeAsync();
    }
}
