using System.Diagnostics;
using System.Net;
using CampaignBot.Api.Tests;
using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Users;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Xunit.Abstractions;

namespace CampaignBot.Chat.Web.Tests.Browser;

/// <summary>
/// The web chat in headless Chromium, driven by Playwright (Browser/webchat.mjs) against the real service on a
/// loopback port. Screenshots of each step are kept under the test output folder (browser-artifacts/).
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output)
{
    private const string AdaCampaign = "Ada's own offer";

    [BrowserFact]
    public async Task Maya_builds_and_submits_a_campaign_omar_approves_it_live_and_ada_cannot_approve_her_own()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?> { ["Scheduler:PollInterval"] = "00:00:00.200" });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        DraftFor(factory, "ada", AdaCampaign);
        var artifacts = Path.Combine(AppContext.BaseDirectory, "browser-artifacts", "webchat");
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        var (exitCode, log) = await RunNodeAsync(Path.Combine(AppContext.BaseDirectory, "Browser", "webchat.mjs"), address, artifacts, AdaCampaign);

        output.WriteLine(log);
        output.WriteLine($"Screenshots: {artifacts}");
        Assert.True(exitCode == 0, $"The browser test failed (exit {exitCode}):\n{log}\nRuns: {RunErrors(factory)}");
        Assert.Contains("webchat browser test passed", log, StringComparison.Ordinal);
        Assert.Equal(8, Directory.GetFiles(artifacts, "*.png").Length);
        Assert.Equal(CampaignStatus.Completed, Campaign(factory, "Browser spring sale").Status);
        Assert.Equal(CampaignStatus.PendingApproval, Campaign(factory, AdaCampaign).Status);
    }

    private static async Task<(int ExitCode, string Log)> RunNodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[BrowserFactAttribute.Variable] = BrowserFactAttribute.Directory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"The browser test took over 4 minutes:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"{await stdout}\n{await stderr}".Trim());
    }

    private static void DraftFor(CampaignBotFactory factory, string author, string name)
    {
        var person = factory.Services.GetRequiredService<UserDirectory>().ById(author)!;
        var draft = new CampaignDraft
        {
            Name = name,
            Type = "one-time",
            Audience = new AudienceDraft { Include = ["Loyalty members"] },
            SubAudiences =
            [
                new SubAudienceDraft
                {
                    Name = "Everyone",
                    CatchAll = true,
                    ControlPercent = 10,
                    Groups = [new RecipientGroupDraft { Name = "Email", Percent = 90, Destinations = [new DestinationDraft { Destination = "outbox", Attributes = [new AttributeDraft { Name = "email" }] }] }],
                },
            ],
            Schedule = new ScheduleDraft { Launch = "asap" },
        };
        Assert.IsType<ServiceResult<CampaignView>.Ok>(factory.Services.GetRequiredService<CampaignService>().Create(draft, new Actor(person, ChatChannels.Web)));
    }

    /// <summary>What went wrong in the service's runs, for a failure message: the browser shows only what the card says.</summary>
    private static string RunErrors(CampaignBotFactory factory)
    {
        var ada = new Actor(factory.Services.GetRequiredService<UserDirectory>().ById("ada")!, "test");
        var runs = factory.Services.GetRequiredService<CampaignBot.App.Runs.RunService>();
        var campaigns = factory.Services.GetRequiredService<CampaignService>().Find(new CampaignQuery(), ada) is ServiceResult<CampaignPage>.Ok { Value: var page } ? page.Items : [];
        return string.Join("; ", campaigns.SelectMany(c => runs.ForCampaign(c.Id, ada) is ServiceResult<IReadOnlyList<CampaignBot.App.Runs.RunView>>.Ok { Value: var list } ? list : [])
            .Select(r => $"{r.Campaign} {r.StatusText}: {string.Join(" ", r.Errors)} {string.Join(" ", r.Deliveries.Select(d => d.Error))}"));
    }

    private static CampaignView Campaign(CampaignBotFactory factory, string name)
    {
        var ada = new Actor(factory.Services.GetRequiredService<UserDirectory>().ById("ada")!, "test");
        var found = factory.Services.GetRequiredService<CampaignService>().Find(new CampaignQuery { Search = name }, ada);
        return found is ServiceResult<CampaignPage>.Ok { Value: var page } ? page.Items.Single() : throw new Xunit.Sdk.XunitException($"{name} is not there: {found}");
    }
}

/// <summary>
/// A fact that needs Chromium and playwright-core, found through CAMPAIGNBOT_BROWSER_TOOLS (set by
/// scripts/servers/browser-tools.sh, which scripts/test.sh runs): skipped, saying how to get them, when unset.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Variable = "CAMPAIGNBOT_BROWSER_TOOLS";

    public static string Directory => Environment.GetEnvironmentVariable(Variable) ?? "";

    public BrowserFactAttribute()
    {
        if (Directory.Length == 0)
        {
            Skip = $"{Variable} is not set: source scripts/servers/browser-tools.sh and run install_browser_tools (scripts/test.sh does) to install Chromium and playwright-core.";
        }
    }
}
