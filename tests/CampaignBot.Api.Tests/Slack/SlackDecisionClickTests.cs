using System.Net;
using CampaignBot.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>Approve and Reject clicks: permission before any form, one answer per click, repeats answered consistently.</summary>
public sealed class SlackDecisionClickTests
{
    [Fact]
    public async Task A_viewer_clicking_reject_is_refused_before_any_form_opens()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());

        using var click = await slack.InteractionAsync(SlackHost.Click("UVIC", ChatActions.Reject, id.ToString(), slack.Slack.NewResponseUrl()));
        var refusal = await slack.WaitForAsync("response_url");
        await slack.IdleAsync();

        Assert.Equal("ephemeral", refusal.Body["response_type"]!.GetValue<string>());
        Assert.Contains("does not hold the approver role", SlackHost.Text(refusal), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task An_author_clicking_reject_on_their_own_campaign_is_refused_before_any_form_opens()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime(), author: slack.Host.Ada);

        using var click = await slack.InteractionAsync(SlackHost.Click("UADA", ChatActions.Reject, id.ToString(), slack.Slack.NewResponseUrl()));
        var refusal = await slack.WaitForAsync("response_url");
        await slack.IdleAsync();

        Assert.Contains("You wrote this campaign", SlackHost.Text(refusal), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("views.open"));
        Assert.Equal(CampaignStatus.PendingApproval, slack.Host.View(id).Status);
    }

    [Fact]
    public async Task Reject_on_a_campaign_not_waiting_for_approval_is_refused_before_any_form_opens()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap().Id;

        using var click = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Reject, id.ToString(), slack.Slack.NewResponseUrl()));
        var refusal = await slack.WaitForAsync("response_url");
        await slack.IdleAsync();

        Assert.Contains("There is nothing to decide", SlackHost.Text(refusal), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task A_replayed_approve_click_approves_once_and_is_answered_once()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());
        var click = SlackHost.Click("UOMAR", ChatActions.Approve, id.ToString(), slack.Slack.NewResponseUrl(), SlackHost.ApprovalsChannel);

        using var first = await slack.InteractionAsync(click);
        var answer = await slack.WaitForAsync("response_url");
        await slack.IdleAsync();
        using var replay = await slack.InteractionAsync(click);
        await slack.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("You approved Winter welcome", SlackHost.Text(answer), StringComparison.Ordinal);
        Assert.Single(slack.Slack.CallsTo("response_url"));
        Assert.Equal(CampaignStatus.Approved, slack.Host.View(id).Status);
        Assert.Single(slack.Host.View(id).Approval!.Decisions);
    }

    [Fact]
    public async Task A_replayed_click_arriving_while_the_first_is_still_running_is_answered_once()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());
        var click = SlackHost.Click("UOMAR", ChatActions.Approve, id.ToString(), slack.Slack.NewResponseUrl(), SlackHost.ApprovalsChannel);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await slack.InteractionAsync(click);
            response.EnsureSuccessStatusCode();
        }));
        await slack.WaitForAsync("response_url");
        await slack.IdleAsync();

        var answer = Assert.Single(slack.Slack.CallsTo("response_url"));
        Assert.Contains("You approved Winter welcome", SlackHost.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicking_approve_again_later_says_when_you_approved()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());
        using var first = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Approve, id.ToString(), slack.Slack.NewResponseUrl(), SlackHost.ApprovalsChannel));
        await slack.WaitForAsync("response_url");
        await slack.IdleAsync();
        slack.Host.Clock.Advance(TimeSpan.FromMinutes(5));

        using var again = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Approve, id.ToString(), slack.Slack.NewResponseUrl(), SlackHost.ApprovalsChannel));
        var second = await slack.WaitForAsync("response_url", c => !SlackHost.Text(c).Contains("You approved", StringComparison.Ordinal));

        Assert.Contains("Already approved by you at 2026-11-23 12:00 UTC", SlackHost.Text(second), StringComparison.Ordinal);
        Assert.Single(slack.Host.View(id).Approval!.Decisions);
    }

    [Fact]
    public async Task Clicking_reject_again_after_rejecting_says_when_you_rejected_and_opens_no_form()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());
        (await slack.Host.RejectAsync(id, slack.Host.Omar.Via("slack"), "Too small a control group")).Unwrap();

        using var again = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Reject, id.ToString(), slack.Slack.NewResponseUrl()));
        var answer = await slack.WaitForAsync("response_url");
        await slack.IdleAsync();

        Assert.Contains("Already rejected by you at 2026-11-23 12:00 UTC", SlackHost.Text(answer), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("views.open"));
    }
}
