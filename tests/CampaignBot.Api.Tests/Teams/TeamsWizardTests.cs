using System.Text.Json.Nodes;
using CampaignBot.App.Campaigns;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.Tests.Fakes;

namespace CampaignBot.Api.Tests.Teams;

/// <summary>The new-campaign wizard as one card in the personal chat, replaced step by step by the invoke answers.</summary>
public sealed class TeamsWizardTests
{
    private static readonly TeamsUser Maya = TeamsHost.Maya;

    /// <summary>What Teams sends for a button on a card: the button's own data with every input's value merged in (T4).</summary>
    private static JsonObject Filled(JsonObject card, string verb, params (string Input, string Value)[] inputs)
    {
        var data = TeamsHost.Action(card, verb)["data"]!.DeepClone().AsObject();
        foreach (var (input, value) in inputs)
        {
            data[input] = value;
        }

        return data;
    }

    private static async Task<JsonObject> StepAsync(TeamsHost teams, string cardId, JsonObject card, string verb, params (string Input, string Value)[] inputs) =>
        TeamsHost.CardOf(await teams.InvokeAsync(teams.Click(Maya, Maya.PersonalChat, cardId, verb, Filled(card, verb, inputs))));

    [Fact]
    public async Task The_wizard_is_one_card_updated_step_by_step_with_errors_under_fields_back_and_a_draft_at_the_end()
    {
        await using var teams = await TeamsHost.StartAsync();
        using var _ = await teams.PostAsync(teams.Message(Maya, "new"));
        var posted = await teams.WaitForAsync(Maya.PersonalChat);
        var cardId = posted.AnsweredId!;
        var basics = TeamsHost.CardOf(posted);
        Assert.Contains("Step 1", TeamsHost.Text(basics), StringComparison.Ordinal);

        var refused = await StepAsync(teams, cardId, basics, CardActionData.SubmitVerb, ("name", ""), ("type", "one-time"), ("audience.include", ""));
        var nameAt = ((JsonArray)refused["body"]!).Select(e => e!["id"]?.GetValue<string>()).ToList().IndexOf("name");
        Assert.StartsWith("❌", refused["body"]![nameAt + 1]!["inlines"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Step 1", TeamsHost.Text(refused), StringComparison.Ordinal);

        var sub = await StepAsync(teams, cardId, refused, CardActionData.SubmitVerb,
            ("name", "Teams spring sale"), ("type", "one-time"), ("audience.include", "Loyalty members"), ("audience.exclude", "Email opt-outs"));
        Assert.Contains("Step 2", TeamsHost.Text(sub), StringComparison.Ordinal);
        var back = await StepAsync(teams, cardId, sub, "campaign.wizard.back", ("subAudiences[0].name", "Everyone"));
        Assert.Equal("Teams spring sale", TeamsHost.Descendants(back).Single(o => o["id"]?.GetValue<string>() == "name")["value"]!.GetValue<string>());

        sub = await StepAsync(teams, cardId, back, CardActionData.SubmitVerb,
            ("name", "Teams spring sale"), ("type", "one-time"), ("audience.include", "Loyalty members"), ("audience.exclude", "Email opt-outs"));
        Assert.Equal("Everyone", TeamsHost.Descendants(sub).Single(o => o["id"]?.GetValue<string>() == "subAudiences[0].name")["value"]!.GetValue<string>());
        var groups = await StepAsync(teams, cardId, sub, CardActionData.SubmitVerb,
            ("subAudiences[0].name", "Everyone"), ("subAudiences[0].segment", "*"), ("subAudiences[0].controlPercent", "10"), ("groupCount", "1"));
        var attributes = await StepAsync(teams, cardId, groups, CardActionData.SubmitVerb,
            ("subAudiences[0].groups[0].name", "Email"), ("subAudiences[0].groups[0].percent", "90"), ("subAudiences[0].groups[0].destinations", "outbox"), ("another", "no"));
        var schedule = await StepAsync(teams, cardId, attributes, CardActionData.SubmitVerb, ("subAudiences[0].groups[0].destinations[0].attributes", "customer_id, email"));
        var review = await StepAsync(teams, cardId, schedule, CardActionData.SubmitVerb, ("schedule.launch", "asap"), ("schedule.timeZone", "UTC"));
        Assert.Contains("Email 90% → outbox (customer_id, email)", TeamsHost.Text(review), StringComparison.Ordinal);
        var done = await StepAsync(teams, cardId, review, CardActionData.SubmitVerb);

        Assert.Contains("Draft Teams spring sale created", TeamsHost.Text(done), StringComparison.Ordinal);
        var campaign = Assert.Single(teams.Host.Campaigns.Find(new CampaignQuery { Search = "Teams spring sale" }, teams.Host.Maya).Unwrap().Items);
        Assert.Equal(10m, campaign.Draft.SubAudiences![0].ControlPercent);

        // The personal chat's card follows every step, so a reload shows where Maya is: the last update is the result.
        await teams.IdleAsync();
        var updates = teams.CallsIn(Maya.PersonalChat).Where(c => c.Method == "PUT").ToList();
        Assert.All(updates, u => Assert.EndsWith($"/activities/{cardId}", Uri.UnescapeDataString(u.RawTarget), StringComparison.Ordinal));
        Assert.Contains("Draft Teams spring sale created", TeamsHost.Text(updates[^1].Body), StringComparison.Ordinal);
        Assert.DoesNotContain(updates, u => TeamsHost.Text(u.Body).Contains('❌'));
    }

    [Fact]
    public async Task Back_gathers_what_is_typed_and_is_never_stopped_by_a_required_field()
    {
        await using var teams = await TeamsHost.StartAsync();
        using var _ = await teams.PostAsync(teams.Message(Maya, "new"));
        var posted = await teams.WaitForAsync(Maya.PersonalChat);
        var sub = await StepAsync(teams, posted.AnsweredId!, TeamsHost.CardOf(posted), CardActionData.SubmitVerb,
            ("name", "Back and forth"), ("type", "one-time"), ("audience.include", "Loyalty members"));

        var back = TeamsHost.Action(sub, "campaign.wizard.back");

        Assert.Null(back["associatedInputs"]);
        Assert.DoesNotContain(TeamsHost.Descendants(sub), o => o["isRequired"] is not null);
        Assert.Equal("campaign.wizard", back["data"]![CardActionData.Envelope]![CardActionData.Form]!.GetValue<string>());
    }

    [Fact]
    public async Task A_form_error_after_a_restart_keeps_the_card_and_says_what_is_wrong()
    {
        await using var teams = await TeamsHost.StartAsync();
        using var _ = await teams.PostAsync(teams.Message(Maya, "new"));
        var posted = await teams.WaitForAsync(Maya.PersonalChat);
        var basics = TeamsHost.CardOf(posted);

        await teams.RestartAsync();
        var answer = await teams.InvokeAsync(teams.Click(Maya, Maya.PersonalChat, posted.AnsweredId!, CardActionData.SubmitVerb,
            Filled(basics, CardActionData.SubmitVerb, ("name", ""), ("type", "one-time"), ("audience.include", "Loyalty members"))));

        Assert.Equal(("application/vnd.microsoft.error", 400), (answer["type"]!.GetValue<string>(), answer["statusCode"]!.GetValue<int>()));
        Assert.Contains("name", answer["value"]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_click_teams_resends_is_acted_on_once()
    {
        await using var teams = await TeamsHost.StartAsync();
        using var _ = await teams.PostAsync(teams.Message(Maya, "new"));
        var posted = await teams.WaitForAsync(Maya.PersonalChat);
        var click = teams.Click(Maya, Maya.PersonalChat, posted.AnsweredId!, CardActionData.SubmitVerb,
            Filled(TeamsHost.CardOf(posted), CardActionData.SubmitVerb, ("name", "Once only"), ("type", "one-time"), ("audience.include", "Loyalty members")));

        var first = await teams.InvokeAsync(click);
        var again = await teams.InvokeAsync(click);

        Assert.Contains("Step 2", TeamsHost.Text(TeamsHost.CardOf(first)), StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.activity.message", again["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_an_app_id_every_activity_is_refused_even_with_a_valid_token()
    {
        await using var teams = await TeamsHost.StartAsync(new Dictionary<string, string?> { ["Teams:AppId"] = null, ["Teams:AppPassword"] = null });

        using var response = await teams.PostAsync(teams.Message(Maya, "help"), $"Bearer {teams.Identity.Mint(new FakeTokenSpec { ServiceUrl = teams.ServiceUrl })}");
        await teams.IdleAsync();

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(teams.Connector.Calls);
    }
}
