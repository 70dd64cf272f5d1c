using System.Text.Json.Nodes;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>The wizard's modal through Slack: Back updates the open modal in place; "Create draft" twice makes one draft.</summary>
public sealed class SlackWizardTests
{
    private static readonly Dictionary<string, string[]> Answers = new()
    {
        ["name"] = ["Slack twice"], ["type"] = ["one-time"], ["audience.include"] = ["Loyalty members"],
        ["subAudiences[0].name"] = ["Everyone"], ["subAudiences[0].segment"] = ["*"], ["subAudiences[0].controlPercent"] = ["10"], ["groupCount"] = ["1"],
        ["subAudiences[0].groups[0].name"] = ["Email"], ["subAudiences[0].groups[0].percent"] = ["90"], ["subAudiences[0].groups[0].destinations"] = ["outbox"],
        ["another"] = ["no"], ["schedule.launch"] = ["asap"], ["schedule.timeZone"] = ["UTC"],
    };

    [Fact]
    public async Task Back_in_the_wizard_modal_updates_it_in_place_to_the_previous_step_with_what_was_entered()
    {
        await using var slack = await SlackHost.StartAsync();
        using var command = await slack.CommandAsync("UMAYA", "new");
        var opened = await slack.WaitForAsync("views.open");
        var basics = opened.Body["view"]!.AsObject();
        var (viewId, hash) = (opened.Response!["view"]!["id"]!.GetValue<string>(), opened.Response["view"]!["hash"]!.GetValue<string>());
        var step2 = await NextAsync(slack, basics);

        using var back = await slack.InteractionAsync(SlackModals.ClickIn(
            "UMAYA", step2, viewId, hash, SlackModals.Button(step2, ChatActions.WizardBack), SlackModals.StateFor(step2, Answers)));
        var updated = await slack.WaitForAsync("views.update");

        Assert.Null(updated.Error);
        Assert.Equal(viewId, updated.Body["view_id"]!.GetValue<string>());
        var shown = updated.Body["view"]!.AsObject();
        Assert.Contains("Step 1", SlackHost.Text(updated), StringComparison.Ordinal);
        Assert.Contains("Slack twice", SlackHost.Text(updated), StringComparison.Ordinal);
        Assert.Empty(CampaignBot.Chat.Slack.BlockKit.BlockKitLimits.CheckView(shown));
        Assert.DoesNotContain(shown["blocks"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "actions");
        Assert.Contains("Step 2", step2.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_identical_create_draft_submissions_at_the_same_moment_create_one_draft_and_both_answers_name_it()
    {
        await using var slack = await SlackHost.StartAsync();
        using var command = await slack.CommandAsync("UMAYA", "new");
        var view = (await slack.WaitForAsync("views.open")).Body["view"]!.AsObject();
        while (!view.ToJsonString().Contains("Create draft", StringComparison.Ordinal))
        {
            view = await NextAsync(slack, view);
        }

        var submission = SlackModals.Submit("UMAYA", view, SlackModals.StateFor(view, Answers));
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var response = await slack.InteractionAsync(submission);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response_action"]!.GetValue<string>();
        }));
        await slack.IdleAsync();

        var campaign = Assert.Single(slack.Host.Campaigns.Find(new CampaignQuery { Search = "Slack twice" }, slack.Host.Maya).Unwrap().Items);
        Assert.Equal(["clear", "clear"], responses);
        var told = slack.Slack.CallsTo("chat.postMessage").Where(c => c.Body["channel"]!.GetValue<string>() == "DMAYA").Select(SlackHost.Text).ToList();
        Assert.Equal(2, told.Count);
        Assert.All(told, text => Assert.Contains(campaign.Id.ToString(), text, StringComparison.Ordinal));
        Assert.Single(told, text => text.Contains("already created the draft Slack twice", StringComparison.Ordinal));
    }

    private static async Task<JsonObject> NextAsync(SlackHost slack, JsonObject view)
    {
        using var response = await slack.InteractionAsync(SlackModals.Submit("UMAYA", view, SlackModals.StateFor(view, Answers)));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("update", answer["response_action"]!.GetValue<string>());
        return answer["view"]!.AsObject();
    }
}
