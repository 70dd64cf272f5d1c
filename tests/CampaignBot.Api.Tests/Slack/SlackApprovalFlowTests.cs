using System.Net;
using CampaignBot.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Slack;

public sealed class SlackApprovalFlowTests
{
    [Fact]
    public async Task Submitting_posts_the_card_the_author_cannot_approve_and_an_approver_decides_for_everyone()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap().Id;

        using var submitted = await slack.CommandAsync("UMAYA", "submit Winter welcome");
        var card = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == SlackHost.ApprovalsChannel);
        var omarsCopy = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == "DOMAR");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("Approval needed: Winter welcome", SlackHost.Text(card), StringComparison.Ordinal);
        Assert.Contains("Email A (45%)", SlackHost.Text(card), StringComparison.Ordinal);
        Assert.Contains(ChatActions.Approve, SlackHost.Text(card), StringComparison.Ordinal);
        Assert.Contains("Approval needed", SlackHost.Text(omarsCopy), StringComparison.Ordinal);
        Assert.DoesNotContain(slack.Slack.CallsTo("chat.postMessage"), c => c.Body["channel"]!.GetValue<string>() == "DMAYA");

        var mayasClick = slack.Slack.NewResponseUrl();
        using var selfApproval = await slack.InteractionAsync(SlackHost.Click("UMAYA", ChatActions.Approve, id.ToString(), mayasClick, SlackHost.ApprovalsChannel));
        var refusal = await slack.WaitForAsync("response_url", c => SlackHost.Text(c).Contains("Not allowed", StringComparison.Ordinal));
        Assert.Equal("ephemeral", refusal.Body["response_type"]!.GetValue<string>());
        Assert.False(refusal.Body["replace_original"]!.GetValue<bool>());
        Assert.Equal(CampaignStatus.PendingApproval, slack.Host.View(id).Status);
        Assert.Empty(slack.Slack.CallsTo("chat.update"));

        using var approval = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Approve, id.ToString(), slack.Slack.NewResponseUrl(), SlackHost.ApprovalsChannel));
        var updated = await slack.WaitForAsync("chat.update", c => c.Body["channel"]!.GetValue<string>() == SlackHost.ApprovalsChannel);
        var told = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == "DMAYA");

        Assert.Equal(CampaignStatus.Approved, slack.Host.View(id).Status);
        Assert.Contains("Winter welcome: approved", SlackHost.Text(updated), StringComparison.Ordinal);
        Assert.Contains("Approved by Omar Approver", SlackHost.Text(updated), StringComparison.Ordinal);
        Assert.DoesNotContain(ChatActions.Approve, SlackHost.Text(updated), StringComparison.Ordinal);
        Assert.Contains("was approved by Omar Approver", SlackHost.Text(told), StringComparison.Ordinal);
        await slack.WaitForAsync("chat.update", c => c.Body["channel"]!.GetValue<string>() == "DOMAR");
    }

    [Fact]
    public async Task Reject_asks_for_a_reason_in_a_modal_and_the_author_hears_it()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());

        using var click = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Reject, id.ToString(), slack.Slack.NewResponseUrl()));
        var opened = await slack.WaitForAsync("views.open");
        var view = opened.Body["view"]!.AsObject();
        Assert.Equal("campaign.reject", view["callback_id"]!.GetValue<string>());

        using var empty = await slack.InteractionAsync(Submission("UOMAR", view, reason: ""));
        var errors = System.Text.Json.Nodes.JsonNode.Parse(await empty.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
        Assert.Equal(CampaignStatus.PendingApproval, slack.Host.View(id).Status);

        using var reasoned = await slack.InteractionAsync(Submission("UOMAR", view, reason: "The control group is too small"));
        var closed = System.Text.Json.Nodes.JsonNode.Parse(await reasoned.Content.ReadAsStringAsync())!;
        var toAuthor = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == "DMAYA");

        Assert.Equal("clear", closed["response_action"]!.GetValue<string>());
        Assert.Equal(CampaignStatus.Draft, slack.Host.View(id).Status);
        Assert.Contains("The control group is too small", SlackHost.Text(toAuthor), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_reports_its_start_and_finish_in_the_cards_thread()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.ApprovedAsync(TestDrafts.OneTime());
        var card = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == SlackHost.ApprovalsChannel);
        var cardTs = card.Response!["ts"]!.GetValue<string>();

        await slack.Host.TickAsync();
        var started = await slack.WaitForAsync("chat.postMessage", c => SlackHost.Text(c).Contains("Run started", StringComparison.Ordinal));
        var finished = await slack.WaitForAsync("chat.postMessage", c => SlackHost.Text(c).Contains("run completed", StringComparison.OrdinalIgnoreCase));

        Assert.Equal(cardTs, started.Body["thread_ts"]!.GetValue<string>());
        Assert.Equal(cardTs, finished.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("Email A → outbox: delivered", SlackHost.Text(finished), StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Completed, slack.Host.View(id).Status);
    }

    [Fact]
    public async Task A_channel_the_bot_cannot_post_in_does_not_keep_the_card_from_approvers_direct_messages()
    {
        await using var slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:ApprovalsChannel"] = "deleted-channel" });
        var id = slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap().Id;

        using var submitted = await slack.CommandAsync("UMAYA", "submit Winter welcome");
        await slack.WaitForAsync("chat.postMessage", c => c.Error == "channel_not_found");
        var omarsCopy = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == "DOMAR" && c.Error is null);

        Assert.Contains("Approval needed: Winter welcome", SlackHost.Text(omarsCopy), StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.PendingApproval, slack.Host.View(id).Status);
    }

    [Fact]
    public async Task With_two_approvers_needed_the_card_shows_progress_after_the_first_approval()
    {
        await using var slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Approvals:RequiredApprovers"] = "2" });
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());
        var card = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == SlackHost.ApprovalsChannel);
        Assert.Contains("0 of 2", SlackHost.Text(card), StringComparison.Ordinal);

        using var first = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Approve, id.ToString(), slack.Slack.NewResponseUrl(), SlackHost.ApprovalsChannel));
        var progressed = await slack.WaitForAsync("chat.update", c => c.Body["channel"]!.GetValue<string>() == SlackHost.ApprovalsChannel);

        Assert.Contains("1 of 2", SlackHost.Text(progressed), StringComparison.Ordinal);
        Assert.Contains(ChatActions.Approve, SlackHost.Text(progressed), StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.PendingApproval, slack.Host.View(id).Status);
    }

    private static System.Text.Json.Nodes.JsonObject Submission(string user, System.Text.Json.Nodes.JsonObject view, string reason) => new()
    {
        ["type"] = "view_submission",
        ["user"] = new System.Text.Json.Nodes.JsonObject { ["id"] = user },
        ["team"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "T0001" },
        ["trigger_id"] = "trigger-submit",
        ["view"] = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "V0001",
            ["type"] = "modal",
            ["callback_id"] = view["callback_id"]!.GetValue<string>(),
            ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
            ["hash"] = "1700000000.abc",
            ["state"] = new System.Text.Json.Nodes.JsonObject
            {
                ["values"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["reason"] = new System.Text.Json.Nodes.JsonObject { ["value"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "plain_text_input", ["value"] = reason } },
                },
            },
        },
    };
}
