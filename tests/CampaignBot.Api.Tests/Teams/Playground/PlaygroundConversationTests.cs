using System.Diagnostics;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.Tests;
using CampaignBot.Conversations;

namespace CampaignBot.Api.Tests.Teams.Playground;

/// <summary>
/// The Microsoft 365 Agents Playground as the Teams client (teams-testing.md §1, recipe step 4): everything goes from
/// the Playground to /api/messages and back through its mock Bot Connector, and is read from its WebSocket as a
/// Teams user would see it. Maya (marketer) types help and builds a draft with the wizard card, submits it, and is
/// refused when she approves it herself; Omar (approver) approves on the card in the approvals channel, the run's
/// updates arrive in that card's thread, the failing destination raises an alert in the alerts channel and Olga
/// (on-call) retries it. One story in order, because each step needs the one before.
/// </summary>
public sealed class PlaygroundConversationTests(PlaygroundHost host) : IClassFixture<PlaygroundHost>
{
    private const string Name = "Playground spring sale";

    private AgentsPlayground Playground => host.Playground;

    [PlaygroundFact]
    public async Task A_marketer_builds_and_submits_in_the_playground_an_approver_approves_there_and_on_call_retries_the_alert()
    {
        var maya = AgentsPlayground.PersonalChat;

        await Playground.SayAsync(maya, "help");
        await Playground.WaitForAsync("createMessage", maya, e => e.Text.Contains("new", StringComparison.Ordinal) && e.Text.Contains("submit", StringComparison.Ordinal));

        await Playground.SayAsync(maya, "new");
        var wizard = await Playground.WaitForAsync("createMessage", maya, e => e.Text.Contains("Step 1", StringComparison.Ordinal));
        var card = wizard.Card!;
        card = await StepAsync(AgentsPlayground.Maya, maya, wizard.MessageId, card, ("name", Name), ("type", "one-time"), ("audience.include", "Loyalty members"));
        card = await StepAsync(AgentsPlayground.Maya, maya, wizard.MessageId, card,
            ("subAudiences[0].name", "Everyone"), ("subAudiences[0].segment", "*"), ("subAudiences[0].controlPercent", "10"), ("groupCount", "1"));
        card = await StepAsync(AgentsPlayground.Maya, maya, wizard.MessageId, card,
            ("subAudiences[0].groups[0].name", "Email"), ("subAudiences[0].groups[0].percent", "90"), ("subAudiences[0].groups[0].destinations", host.Destination.Name), ("another", "no"));
        card = await StepAsync(AgentsPlayground.Maya, maya, wizard.MessageId, card, ("subAudiences[0].groups[0].destinations[0].attributes", string.Join(", ", host.Destination.Attributes)));
        card = await StepAsync(AgentsPlayground.Maya, maya, wizard.MessageId, card, ("schedule.launch", "asap"), ("schedule.timeZone", "UTC"));
        card = await StepAsync(AgentsPlayground.Maya, maya, wizard.MessageId, card);
        Assert.Contains($"Draft {Name} created", TeamsHost.Text(card), StringComparison.Ordinal);

        // Submitting posts the approval card in the approvals channel; Maya's own Approve is refused and changes nothing.
        var screenshot = await ScreenshotAsync("General", "Approval needed");
        await Playground.SayAsync(maya, $"submit {Name}");
        var approval = await Playground.WaitForAsync("createMessage", AgentsPlayground.Team, e => e.Text.Contains("Approval needed", StringComparison.Ordinal) && e.Text.Contains(Name, StringComparison.Ordinal));
        Assert.DoesNotContain(TeamsHost.Descendants(approval.Card!["body"]), o => o["verb"]?.GetValue<string>() == ChatActions.Approve);
        await screenshot();

        // The Playground does not run card refresh: the invoke Teams would send is sent through its API, as each person.
        // A channel post's clicks come from its thread, as in Teams.
        var refresh = TeamsHost.Action(approval.Card!, ActableViews.RefreshVerb)["data"]!.AsObject();
        var mayasView = await ViewAsync(AgentsPlayground.Maya, approval, refresh);
        Assert.DoesNotContain(TeamsHost.Descendants(mayasView), o => o["verb"]?.GetValue<string>() == ChatActions.Approve);
        var omarsView = await ViewAsync(AgentsPlayground.Omar, approval, refresh);
        var approve = TeamsHost.Action(omarsView, ChatActions.Approve)["data"]!.AsObject();

        var refused = await Playground.ClickAsync(AgentsPlayground.Maya, approval.Thread, approval.MessageId, ChatActions.Approve, (JsonObject)approve.DeepClone());
        Assert.Contains("someone else must approve it (four-eyes)", TeamsHost.Text(refused), StringComparison.Ordinal);
        Assert.Contains("PendingApproval", host.CampaignStatus(Name), StringComparison.Ordinal);

        // Omar's Approve answers with the decided card, which replaces the card in the channel for everyone.
        var approved = await Playground.ClickAsync(AgentsPlayground.Omar, approval.Thread, approval.MessageId, ChatActions.Approve, (JsonObject)approve.DeepClone());
        Assert.Contains($"You approved {Name}", TeamsHost.Text(approved), StringComparison.Ordinal);
        await Playground.WaitForAsync("updateMessage", AgentsPlayground.Team, e => e.MessageId == approval.MessageId && e.Text.Contains($"{Name}: approved", StringComparison.Ordinal));
        await Playground.WaitForAsync("createMessage", maya, e => e.Text.Contains($"Your campaign {Name} was approved", StringComparison.Ordinal));

        // The run: its updates reply in the approval card's thread, and the revoked destination raises an alert.
        await host.TickAsync();
        await Playground.WaitForAsync("createMessage", approval.Thread, e => e.Text.Contains("Run started", StringComparison.Ordinal));
        var alert = await Playground.WaitForAsync("createMessage", AgentsPlayground.AlertsChannel, e => e.Text.Contains($"Delivery failing: {Name}", StringComparison.Ordinal));
        var retry = TeamsHost.Action(alert.Card!, ChatActions.AlertRetry)["data"]!.AsObject();

        // Olga's Retry sends the failed delivery again, which now goes through, and the alert card says so.
        host.Destination.Faults.Revoked = false;
        var retried = await Playground.ClickAsync(AgentsPlayground.Olga, alert.Thread, alert.MessageId, ChatActions.AlertRetry, (JsonObject)retry.DeepClone());
        Assert.Contains("Retrying", TeamsHost.Text(retried), StringComparison.Ordinal);
        await host.TickAsync();
        Assert.Contains("Completed", host.RunStatus(Name), StringComparison.Ordinal);
        await Playground.WaitForAsync("updateMessage", AgentsPlayground.AlertsChannel, e => e.MessageId == alert.MessageId && e.Text.Contains("Retried", StringComparison.Ordinal));
    }

    /// <summary>Maya fills in a wizard step and presses its submit button; the invoke answer is the next step's card.</summary>
    private async Task<JsonObject> StepAsync(TeamsUser who, string conversation, string cardId, JsonObject card, params (string Input, string Value)[] inputs)
    {
        var data = TeamsHost.Action(card, CardActionData.SubmitVerb)["data"]!.DeepClone().AsObject();
        foreach (var (input, value) in inputs)
        {
            data[input] = value;
        }

        var next = CardOf(await Playground.ClickAsync(who, conversation, cardId, CardActionData.SubmitVerb, data));
        Assert.False(TeamsHost.Text(next).Contains('❌', StringComparison.Ordinal), $"The step was refused:\n{TeamsHost.Text(next)}");
        return next;
    }

    /// <summary>The card a person sees after the automatic refresh Teams sends for the people the card lists.</summary>
    private async Task<JsonObject> ViewAsync(TeamsUser who, PlaygroundEvent card, JsonObject refreshData) =>
        CardOf(await Playground.ClickAsync(who, card.Thread, card.MessageId, ActableViews.RefreshVerb, (JsonObject)refreshData.DeepClone(), "automatic"));

    private static JsonObject CardOf(JsonObject answer) =>
        answer["value"] is JsonObject { } card && card["type"]?.GetValue<string>() == "AdaptiveCard"
            ? card
            : throw new Xunit.Sdk.XunitException($"The invoke was not answered with a card: {answer}");

    /// <summary>
    /// Opens the Playground's web page in headless Chromium on <paramref name="conversation"/> when the browser tools
    /// are installed, and returns what waits for <paramref name="text"/> to show there and checks the picture taken
    /// (docs/images/teams-playground-approval.png is one; set CAMPAIGNBOT_SCREENSHOTS to a folder to keep them).
    /// </summary>
    private async Task<Func<Task>> ScreenshotAsync(string conversation, string text)
    {
        var tools = Environment.GetEnvironmentVariable("CAMPAIGNBOT_BROWSER_TOOLS");
        if (string.IsNullOrEmpty(tools))
        {
            return () => Task.CompletedTask;
        }

        var folder = Environment.GetEnvironmentVariable("CAMPAIGNBOT_SCREENSHOTS") is { Length: > 0 } kept ? kept : Path.GetTempPath();
        var file = Path.Combine(folder, "teams-playground-approval.png");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Teams", "Playground", "playground-screenshot.js"), Playground.BaseAddress.AbsoluteUri, conversation, text, file })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CAMPAIGNBOT_BROWSER_TOOLS"] = tools;
        var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        using (var ready = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (await process.StandardOutput.ReadLineAsync(ready.Token) is { } line && line != "ready")
            {
            }
        }

        return async () =>
        {
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await process.WaitForExitAsync(timeout.Token);
                Assert.True(process.ExitCode == 0, $"The screenshot failed: {await output}\n{await errors}");
                var png = await File.ReadAllBytesAsync(file);
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            }
        };
    }
}

/// <summary>A fact that needs the Agents Playground; skipped, saying how to get it, when the Teams tools are not installed.</summary>
public sealed class PlaygroundFactAttribute : FactAttribute
{
    public PlaygroundFactAttribute()
    {
        if (NodeTools.Directory is null)
        {
            Skip = $"{NodeTools.Variable} is not set: source scripts/servers/teams-tools.sh and run install_teams_tools (scripts/test.sh does) to install the Agents Playground.";
        }
    }
}
