using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignBot.Api.Tests.Alerts;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Approvals;
using CampaignBot.App.Destinations;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.Replies;
using CampaignBot.Chat.Teams.Tests;
using CampaignBot.Conversations;
using CampaignBot.Core.Campaigns;
using CampaignBot.Conversations.Messages;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignBot.Api.Tests.Teams;

/// <summary>
/// A tour of everything the service says in Teams, through /api/messages and the fake connector: every card it posts,
/// updates or answers an invoke with is collected and checked by the adaptivecards library at 1.5 and the 1.5 schema
/// (teams-testing.md §3), and by the service's own limits.
/// </summary>
public sealed class TeamsCardTourTests : IDisposable
{
    private static readonly TeamsUser Maya = TeamsHost.Maya;
    private static readonly TeamsUser Omar = TeamsHost.Omar;
    private readonly string _dir = Directory.CreateTempSubdirectory("teams-tour-").FullName;
    private readonly List<(string Name, JsonObject Card)> _answers = [];

    private sealed record Result(string File, string Version, IReadOnlyList<string> Library, IReadOnlyList<string> Schema);

    [NodeToolFact]
    public async Task Every_card_the_service_sends_parses_with_adaptivecards_at_1_5_and_matches_the_schema()
    {
        await using var teams = await TeamsHost.StartAsync(services: s => s.AddSingleton<IConnectorFactory>(p => new TestConnectors(
            new ConnectorFactory(p.GetRequiredService<IHostEnvironment>().ContentRootPath, p.GetRequiredService<DestinationCredentials>(), TimeProvider.System))));
        await TourAsync(teams);

        List<(string Name, JsonObject Card)> cards = [.. teams.Connector.Calls.Where(c => c.Body?["attachments"] is not null)
            .Select((c, i) => (Name: $"{i:D3}-{c.Method.ToLowerInvariant()}", Card: TeamsHost.CardOf(c)))
            .Concat(_answers)
            .Append(("working", AdaptiveCardRenderer.Message(ChatMessage.Plain(TeamsInvokeAnswers.InProgress))))];
        var results = await ValidateAsync(cards);

        var texts = string.Join('\n', cards.Select(c => TeamsHost.Text(c.Card)));
        foreach (var seen in new[]
        {
            "Hello!", "show <campaign>", "Step 1", "Step 2", "Step 3", "Step 5", "Review campaign", "❌", "Draft Teams tour created", "Preview", "Loyalty members",
            "Approval needed", ActableViews.SharedNote, "Reject campaign", "Winter welcome: approved", "approval expired", "Run started", "Delivery failing", "Include Loyalty members: member",
        })
        {
            Assert.Contains(seen, texts, StringComparison.Ordinal);
        }

        Assert.True(cards.Count > 40, $"Only {cards.Count} cards were collected.");
        Assert.All(results, r => Assert.Equal("1.5", r.Version));
        var problems = results.Where(r => r.Library.Count > 0 || r.Schema.Count > 0)
            .Select(r => $"{Path.GetFileName(r.File)}:\n  library: {string.Join("\n  ", r.Library)}\n  schema: {string.Join("\n  ", r.Schema)}");
        Assert.True(!problems.Any(), string.Join("\n", problems));
        var limits = cards.SelectMany(c => AdaptiveCardLimits.Check(c.Card).Select(v => $"{c.Name} {v.Path}: {v.Rule}"));
        Assert.True(!limits.Any(), string.Join("\n", limits));
    }

    private async Task TourAsync(TeamsHost teams)
    {
        using (await teams.PostAsync(teams.BotAdded(TeamsHost.Ada, TeamsHost.Approvals)))
        {
        }

        var winter = teams.Host.Campaigns.Create(TestDrafts.OneTime(), teams.Host.Maya).Unwrap().Id;
        var member = await FirstMemberAsync(teams, winter);
        var stranger = new TeamsUser("29:stranger", "00000000-0000-0000-0000-0000000000ff", "Sam Stranger");
        foreach (var (user, text) in new[]
        {
            (Maya, "help"), (stranger, "help"), (stranger, "list"), (Maya, "list"), (Maya, "segments"), (Maya, "destinations"), (Maya, "alerts"),
            (Maya, "show Winter welcome"), (Maya, "preview Winter welcome"), (Maya, "runs Winter welcome"), (Maya, $"explain {member} in Winter welcome"),
            (Maya, "show No such campaign"), (Maya, "frobnicate"), (Omar, "help"), (TeamsHost.Vic, "help"),
        })
        {
            using var _ = await teams.PostAsync(teams.Message(user, text));
            await teams.IdleAsync();
        }

        await WizardAsync(teams);

        using (await teams.PostAsync(teams.Message(Maya, "submit Winter welcome")))
        {
        }

        var room = await teams.WaitForAsync(TeamsHost.Approvals, c => TeamsHost.Text(c.Body).Contains("Approval needed", StringComparison.Ordinal));
        var own = await teams.WaitForAsync(Omar.PersonalChat, c => TeamsHost.Text(c.Body).Contains("Approval needed", StringComparison.Ordinal));
        await AnswerAsync(teams, "view", teams.Click(Omar, TeamsHost.Approvals, room.AnsweredId!, ActableViews.RefreshVerb, new JsonObject(), "automatic"));
        var reject = await AnswerAsync(teams, "reject-form", teams.Click(Omar, Omar.PersonalChat, own.AnsweredId!, ChatActions.Reject, Data(TeamsHost.CardOf(own), ChatActions.Reject)));
        var empty = Data(reject, CardActionData.SubmitVerb);
        empty["reason"] = "";
        await AnswerAsync(teams, "reject-errors", teams.Click(Omar, Omar.PersonalChat, own.AnsweredId!, CardActionData.SubmitVerb, empty));
        await AnswerAsync(teams, "details", teams.Click(Omar, Omar.PersonalChat, own.AnsweredId!, ChatActions.Show, Data(TeamsHost.CardOf(own), ChatActions.Show)));
        await AnswerAsync(teams, "approved", teams.Click(Omar, Omar.PersonalChat, own.AnsweredId!, ChatActions.Approve, Data(TeamsHost.CardOf(own), ChatActions.Approve)));
        await teams.WaitForAsync(TeamsHost.Approvals, c => c.Method == "PUT");

        // A second campaign's request expires undecided.
        var spring = teams.Host.Campaigns.Create(TestDrafts.OneTime("Spring sale"), teams.Host.Maya).Unwrap().Id;
        (await teams.Host.Approvals.SubmitAsync(spring, teams.Host.Maya, CancellationToken.None)).Unwrap();
        teams.Host.Clock.Advance(TimeSpan.FromDays(4));
        await teams.Host.Get<ApprovalService>().RemindAndExpireAsync(CancellationToken.None);
        await teams.WaitForAsync(TeamsHost.Approvals, c => TeamsHost.Text(c.Body).Contains("approval expired", StringComparison.Ordinal));

        // The approved campaign runs; the outbox reports a shortfall, which raises an alert in the alerts channel.
        ((TestConnectors)teams.Host.Get<IConnectorFactory>()).OutboxReportsHalf = true;
        await teams.Host.TickAsync();
        await teams.WaitForAsync(TeamsHost.Alerts, c => TeamsHost.Text(c.Body).Contains("Delivery failing", StringComparison.Ordinal));
        await teams.IdleAsync();
    }

    /// <summary>The wizard from start to draft, with a refused submit on every step that has fields.</summary>
    private async Task WizardAsync(TeamsHost teams)
    {
        using (await teams.PostAsync(teams.Message(Maya, "new")))
        {
        }

        var posted = await teams.WaitForAsync(Maya.PersonalChat, c => TeamsHost.Text(c.Body).Contains("Step 1", StringComparison.Ordinal));
        var card = TeamsHost.CardOf(posted);
        var steps = new (string Name, (string, string)[] Wrong, (string, string)[] Right)[]
        {
            ("basics", [("name", ""), ("type", "one-time")], [("name", "Teams tour"), ("type", "one-time"), ("audience.include", "Loyalty members")]),
            ("sub-audience", [("subAudiences[0].name", "Everyone"), ("subAudiences[0].segment", "*"), ("subAudiences[0].controlPercent", "ten"), ("groupCount", "1")],
                [("subAudiences[0].name", "Everyone"), ("subAudiences[0].segment", "*"), ("subAudiences[0].controlPercent", "10"), ("groupCount", "2")]),
            ("groups", [("subAudiences[0].groups[0].name", "A"), ("subAudiences[0].groups[0].percent", "80"), ("subAudiences[0].groups[0].destinations", "outbox"), ("another", "no")],
                [("subAudiences[0].groups[0].name", "A"), ("subAudiences[0].groups[0].percent", "45"), ("subAudiences[0].groups[0].destinations", "outbox"),
                 ("subAudiences[0].groups[1].name", "B"), ("subAudiences[0].groups[1].percent", "45"), ("subAudiences[0].groups[1].destinations", "outbox"), ("another", "no")]),
            ("attributes", [], [("subAudiences[0].groups[0].destinations[0].attributes", "customer_id, email")]),
            ("schedule", [("schedule.launch", "next tuesday-ish"), ("schedule.timeZone", "Mars/Olympus")], [("schedule.launch", "asap"), ("schedule.timeZone", "UTC")]),
            ("review", [], []),
        };
        foreach (var (name, wrong, right) in steps)
        {
            if (wrong.Length > 0)
            {
                await AnswerAsync(teams, $"{name}-errors", teams.Click(Maya, Maya.PersonalChat, posted.AnsweredId!, CardActionData.SubmitVerb, Filled(card, CardActionData.SubmitVerb, wrong)));
            }

            if (name == "groups")
            {
                var back = await AnswerAsync(teams, "back", teams.Click(Maya, Maya.PersonalChat, posted.AnsweredId!, ChatActions.WizardBack, Filled(card, ChatActions.WizardBack, right)));
                card = await AnswerAsync(teams, "forward-again", teams.Click(Maya, Maya.PersonalChat, posted.AnsweredId!, CardActionData.SubmitVerb,
                    Filled(back, CardActionData.SubmitVerb, steps[1].Right)));
            }

            card = await AnswerAsync(teams, name, teams.Click(Maya, Maya.PersonalChat, posted.AnsweredId!, CardActionData.SubmitVerb, Filled(card, CardActionData.SubmitVerb, right)));
        }
    }

    private async Task<JsonObject> AnswerAsync(TeamsHost teams, string name, JsonObject invoke)
    {
        var answer = await teams.InvokeAsync(invoke);
        var card = TeamsHost.CardOf(answer);
        _answers.Add(($"answer-{_answers.Count:D2}-{name}", card));
        return card;
    }

    private static JsonObject Data(JsonObject card, string verb) => TeamsHost.Action(card, verb)["data"]!.DeepClone().AsObject();

    private static JsonObject Filled(JsonObject card, string verb, (string Input, string Value)[] inputs)
    {
        var data = Data(card, verb);
        foreach (var (input, value) in inputs)
        {
            data[input] = value;
        }

        return data;
    }

    private static async Task<string> FirstMemberAsync(TeamsHost teams, CampaignId campaignId)
    {
        var host = teams.Host;
        var resolved = host.Get<CampaignBot.App.Campaigns.CampaignResolver>().Resolve(host.Get<CampaignBot.App.Campaigns.CampaignStore>().Get(campaignId)!);
        var builder = new CampaignBot.Customers.Audiences.AudienceBuilder(host.Get<CampaignBot.Customers.Engine.CustomerEngine>());
        await foreach (var member in builder.StreamAsync(resolved.Value!.AudienceRequest(DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime)), CampaignBot.Customers.Audiences.AudienceSlice.Everyone, []))
        {
            return member.CustomerId;
        }

        throw new Xunit.Sdk.XunitException("The audience is empty.");
    }

    private async Task<IReadOnlyList<Result>> ValidateAsync(IEnumerable<(string Name, JsonObject Card)> cards)
    {
        var files = new List<string>();
        foreach (var (name, card) in cards)
        {
            var file = Path.Combine(_dir, name + ".json");
            await File.WriteAllTextAsync(file, card.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            files.Add(file);
        }

        var (exit, output, errors) = await NodeTools.RunAsync("validate-cards.js", files);
        Assert.True(exit == 0, $"validate-cards.js exited {exit}: {errors}");
        return JsonSerializer.Deserialize<List<Result>>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
