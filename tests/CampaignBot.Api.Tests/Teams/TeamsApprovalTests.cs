using System.Text.Json.Nodes;
using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.Tests.Fakes;
using CampaignBot.Conversations;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Teams;

/// <summary>
/// Approval cards in Teams: the approvals channel's card shows Approve and Reject only to approvers (refresh with
/// their Teams ids), each approver gets the card in their personal chat, a decision updates every copy, run updates
/// reply in the card's thread, and four-eyes holds whatever channel the campaign was submitted from.
/// </summary>
public sealed class TeamsApprovalTests
{
    private static readonly TeamsUser Maya = TeamsHost.Maya;
    private static readonly TeamsUser Omar = TeamsHost.Omar;

    /// <summary>The bot installed in the approvals channel, and Maya, Omar and Ada each in a personal chat with it.</summary>
    private static async Task<TeamsHost> StartAsync()
    {
        var teams = await TeamsHost.StartAsync();
        using (await teams.PostAsync(teams.BotAdded(TeamsHost.Ada, TeamsHost.Approvals)))
        {
        }

        foreach (var user in new[] { Maya, Omar, TeamsHost.Ada, TeamsHost.Vic })
        {
            using var _ = await teams.PostAsync(teams.Message(user, "help"));
        }

        await teams.IdleAsync();
        return teams;
    }

    private static async Task<(CampaignId Id, FakeConnectorCall Card)> SubmittedAsync(TeamsHost teams)
    {
        var id = teams.Host.Campaigns.Create(TestDrafts.OneTime(), teams.Host.Maya).Unwrap().Id;
        using var _ = await teams.PostAsync(teams.Message(Maya, "submit Winter welcome"));
        var card = await teams.WaitForAsync(TeamsHost.Approvals, c => TeamsHost.Text(c.Body).Contains("Approval needed", StringComparison.Ordinal));
        return (id, card);
    }

    private static JsonObject Data(JsonObject card, string verb) => TeamsHost.Action(card, verb)["data"]!.DeepClone().AsObject();

    [Fact]
    public async Task The_channel_card_shows_the_buttons_to_approvers_only_and_each_approver_gets_one_to_act_on()
    {
        await using var teams = await StartAsync();
        var (id, posted) = await SubmittedAsync(teams);
        var shared = TeamsHost.CardOf(posted);

        Assert.DoesNotContain(TeamsHost.Descendants(shared["body"]), o => o["verb"]?.GetValue<string>() == ChatActions.Approve);
        Assert.Equal(ActableViews.RefreshVerb, shared["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal([TeamsHost.Ada.Id, Omar.Id], shared["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).Order());
        foreach (var approver in new[] { Omar, TeamsHost.Ada })
        {
            var own = await teams.WaitForAsync(approver.PersonalChat, c => TeamsHost.Text(c.Body).Contains("Approval needed", StringComparison.Ordinal));
            Assert.Equal(id.ToString(), Data(TeamsHost.CardOf(own), ChatActions.Approve)["campaignbot"]!["value"]!.GetValue<string>());
        }

        Assert.DoesNotContain(teams.CallsIn(Maya.PersonalChat), c => TeamsHost.Text(c.Body).Contains("Approval needed", StringComparison.Ordinal));

        var omarsView = TeamsHost.CardOf(await teams.InvokeAsync(teams.Click(Omar, TeamsHost.Approvals, posted.AnsweredId!, ActableViews.RefreshVerb, Data(shared, ActableViews.RefreshVerb), "automatic")));
        var vicsView = TeamsHost.CardOf(await teams.InvokeAsync(teams.Click(TeamsHost.Vic, TeamsHost.Approvals, posted.AnsweredId!, ActableViews.RefreshVerb, Data(shared, ActableViews.RefreshVerb), "automatic")));
        Assert.Equal(id.ToString(), Data(omarsView, ChatActions.Approve)["campaignbot"]!["value"]!.GetValue<string>());
        Assert.Null(omarsView["refresh"]);
        Assert.DoesNotContain(TeamsHost.Descendants(vicsView), o => o["verb"]?.GetValue<string>() == ChatActions.Approve);
    }

    [Fact]
    public async Task The_author_is_refused_privately_and_the_approvers_approve_updates_every_copy_and_runs_reply_in_the_thread()
    {
        await using var teams = await StartAsync();
        var (id, posted) = await SubmittedAsync(teams);
        var cardId = posted.AnsweredId!;
        var approve = new JsonObject { ["campaignbot"] = new JsonObject { ["value"] = id.ToString() } };

        var own = await teams.InvokeAsync(teams.Click(Maya, TeamsHost.Approvals, cardId, ChatActions.Approve, approve));
        await teams.IdleAsync();
        Assert.Equal("application/vnd.microsoft.activity.message", own["type"]!.GetValue<string>());
        Assert.Contains("You wrote this campaign; someone else must approve it (four-eyes).", own["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(teams.Connector.Calls, c => c.Method == "PUT");
        Assert.Equal(CampaignStatus.PendingApproval, teams.Host.Campaigns.Get(id, teams.Host.Maya).Unwrap().Status);

        var approved = await teams.InvokeAsync(teams.Click(Omar, TeamsHost.Approvals, cardId, ChatActions.Approve, (JsonObject)approve.DeepClone()));

        Assert.Contains("You approved Winter welcome", TeamsHost.Text(TeamsHost.CardOf(approved)), StringComparison.Ordinal);
        var decided = await teams.WaitForAsync(TeamsHost.Approvals, c => c.Method == "PUT");
        Assert.EndsWith($"/activities/{cardId}", Uri.UnescapeDataString(decided.RawTarget), StringComparison.Ordinal);
        Assert.Contains("Winter welcome: approved", TeamsHost.Text(decided.Body), StringComparison.Ordinal);
        Assert.Contains("via teams", TeamsHost.Text(decided.Body), StringComparison.Ordinal);
        Assert.Null(TeamsHost.CardOf(decided)["refresh"]);
        await teams.WaitForAsync(Omar.PersonalChat, c => c.Method == "PUT" && TeamsHost.Text(c.Body).Contains("approved", StringComparison.Ordinal));
        await teams.WaitForAsync(Maya.PersonalChat, c => TeamsHost.Text(c.Body).Contains("Your campaign Winter welcome was approved", StringComparison.Ordinal));

        await teams.Host.TickAsync();
        var started = await teams.WaitForAsync(TeamsHost.Approvals, c => TeamsHost.Text(c.Body).Contains("Run started", StringComparison.Ordinal));
        Assert.EndsWith($"{TeamsHost.Approvals};messageid={cardId}/activities", Uri.UnescapeDataString(started.RawTarget), StringComparison.Ordinal);

        // After the decision the card is one for everyone: a refresh answers the card as it now is, never the old buttons.
        var view = await teams.InvokeAsync(teams.Click(Omar, TeamsHost.Approvals, cardId, ActableViews.RefreshVerb, new JsonObject(), "automatic"));
        Assert.Equal("application/vnd.microsoft.error", view["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_approval_click_is_answered_once_the_decision_is_stored_while_the_card_updates_are_still_on_their_way()
    {
        await using var teams = await StartAsync();
        var (id, posted) = await SubmittedAsync(teams);
        var cardId = posted.AnsweredId!;
        await teams.IdleAsync();
        teams.Connector.HoldUpdates();
        try
        {
            var approved = await teams.InvokeAsync(teams.Click(Omar, TeamsHost.Approvals, cardId, ChatActions.Approve,
                new JsonObject { ["campaignbot"] = new JsonObject { ["value"] = id.ToString() } }));

            Assert.Contains("You approved Winter welcome", TeamsHost.Text(TeamsHost.CardOf(approved)), StringComparison.Ordinal);
            Assert.Equal(CampaignStatus.Approved, teams.Host.Campaigns.Get(id, teams.Host.Maya).Unwrap().Status);
            Assert.DoesNotContain(teams.Connector.Calls, c => c.Method == "PUT");
        }
        finally
        {
            teams.Connector.ReleaseUpdates();
        }

        var decided = await teams.WaitForAsync(TeamsHost.Approvals, c => c.Method == "PUT");
        Assert.Contains("Winter welcome: approved", TeamsHost.Text(decided.Body), StringComparison.Ordinal);
        await teams.WaitForAsync(Maya.PersonalChat, c => TeamsHost.Text(c.Body).Contains("Your campaign Winter welcome was approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_the_decision_is_stored_a_refresh_no_longer_offers_the_buttons_even_before_the_card_update_goes_out()
    {
        await using var teams = await StartAsync();
        var (id, posted) = await SubmittedAsync(teams);
        var cardId = posted.AnsweredId!;
        await teams.IdleAsync(); // The card's views are kept once its post is answered.
        var before = TeamsHost.CardOf(await teams.InvokeAsync(teams.Click(Omar, TeamsHost.Approvals, cardId, ActableViews.RefreshVerb, new JsonObject(), "automatic")));
        Assert.Contains(TeamsHost.Descendants(before), o => o["verb"]?.GetValue<string>() == ChatActions.Approve);
        teams.Connector.HoldUpdates();
        try
        {
            var approved = await teams.InvokeAsync(teams.Click(Omar, TeamsHost.Approvals, cardId, ChatActions.Approve,
                new JsonObject { ["campaignbot"] = new JsonObject { ["value"] = id.ToString() } }));
            Assert.Contains("You approved Winter welcome", TeamsHost.Text(TeamsHost.CardOf(approved)), StringComparison.Ordinal);

            var view = await teams.InvokeAsync(teams.Click(Omar, TeamsHost.Approvals, cardId, ActableViews.RefreshVerb, new JsonObject(), "automatic"));
            Assert.Equal("application/vnd.microsoft.error", view["type"]!.GetValue<string>());
            Assert.DoesNotContain(teams.Connector.Calls, c => c.Method == "PUT");
        }
        finally
        {
            teams.Connector.ReleaseUpdates();
        }

        await teams.WaitForAsync(TeamsHost.Approvals, c => c.Method == "PUT");
    }

    [Fact]
    public async Task Approving_in_teams_a_campaign_you_submitted_in_slack_is_refused()
    {
        await using var teams = await StartAsync();
        var id = teams.Host.Campaigns.Create(TestDrafts.OneTime(), teams.Host.Maya).Unwrap().Id;
        var submitted = await teams.Host.ClickAsync("maya", ChatActions.Submit, id.ToString());
        Assert.IsType<ChatReply.Say>(submitted);
        var posted = await teams.WaitForAsync(TeamsHost.Approvals, c => TeamsHost.Text(c.Body).Contains("Approval needed", StringComparison.Ordinal));

        var answer = await teams.InvokeAsync(teams.Click(Maya, TeamsHost.Approvals, posted.AnsweredId!, ChatActions.Approve,
            new JsonObject { ["campaignbot"] = new JsonObject { ["value"] = id.ToString() } }));

        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        Assert.Contains("You wrote this campaign; someone else must approve it (four-eyes).", answer["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var campaign = teams.Host.Campaigns.Get(id, teams.Host.Maya).Unwrap();
        Assert.Equal(CampaignStatus.PendingApproval, campaign.Status);
        Assert.Empty(campaign.Approval!.Decisions);
    }

    [Fact]
    public async Task Reject_opens_a_reason_form_on_the_card_and_the_reason_reaches_the_author()
    {
        await using var teams = await StartAsync();
        var (id, _) = await SubmittedAsync(teams);
        var own = await teams.WaitForAsync(Omar.PersonalChat, c => TeamsHost.Text(c.Body).Contains("Approval needed", StringComparison.Ordinal));
        var form = TeamsHost.CardOf(await teams.InvokeAsync(teams.Click(Omar, Omar.PersonalChat, own.AnsweredId!, ChatActions.Reject,
            Data(TeamsHost.CardOf(own), ChatActions.Reject))));

        var data = TeamsHost.Action(form, CardActionData.SubmitVerb)["data"]!.DeepClone().AsObject();
        data["reason"] = "The control group is too small";
        var done = await teams.InvokeAsync(teams.Click(Omar, Omar.PersonalChat, own.AnsweredId!, CardActionData.SubmitVerb, data));

        Assert.Contains("You rejected Winter welcome", TeamsHost.Text(TeamsHost.CardOf(done)), StringComparison.Ordinal);
        await teams.WaitForAsync(Maya.PersonalChat, c => TeamsHost.Text(c.Body).Contains("The control group is too small", StringComparison.Ordinal));
        Assert.Equal(CampaignStatus.Draft, teams.Host.Campaigns.Get(id, teams.Host.Maya).Unwrap().Status);
    }
}
