using CampaignBot.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Tests.Conversations;

public sealed class ConversationCommandTests
{
    [Fact]
    public async Task Help_lists_every_command_with_its_usage()
    {
        await using var host = new LifecycleHost();

        var help = (await host.SayAsync("maya", "help")).Message().Text();

        foreach (var usage in new[] { "new", "list [status]", "show <campaign>", "preview <campaign>", "submit <campaign>", "runs <campaign>", "segments", "segment new <name> where <filter>", "destinations" })
        {
            Assert.Contains($"/campaign {usage}", help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_input_gets_help_not_silence()
    {
        await using var host = new LifecycleHost();

        var reply = (await host.SayAsync("maya", "launch the rockets")).Message().Text();

        Assert.Contains("I don't know \"launch the rockets\"", reply, StringComparison.Ordinal);
        Assert.Contains("/campaign list", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_not_in_the_directory_reads_help_but_cannot_act()
    {
        await using var host = new LifecycleHost();
        host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap();

        var listed = (await host.SayAsync(person: null, "list")).Message().Text();
        var clicked = (await host.ClickAsync("maya", ChatActions.Submit, "not-a-guid")).Message().Text();

        Assert.Contains("not set up in CampaignBot", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Winter welcome", listed, StringComparison.Ordinal);
        Assert.Contains("does not name a campaign", clicked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_campaigns_with_status_and_filters_by_status()
    {
        await using var host = new LifecycleHost();
        host.Campaigns.Create(TestDrafts.OneTime("Winter welcome"), host.Maya).Unwrap();
        await host.SubmittedAsync(TestDrafts.OneTime("Spring sale"));

        var all = (await host.SayAsync("vic", "list")).Message().Text();
        var pending = (await host.SayAsync("vic", "list pending-approval")).Message().Text();

        Assert.Contains("Winter welcome: draft", all, StringComparison.Ordinal);
        Assert.Contains("Spring sale: pending approval", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Winter welcome", pending, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_gives_the_summary_with_counts_warnings_and_next_steps()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var counts = (await host.Get<CampaignBot.App.Campaigns.CampaignPreviews>().PreviewAsync(id, host.Maya, CancellationToken.None)).Unwrap();

        var summary = (await host.SayAsync("maya", "show winter WELCOME")).Message();

        var text = summary.Text();
        Assert.Contains("Winter welcome", text, StringComparison.Ordinal);
        Assert.Contains($"Recipients: {counts.Recipients:N0}", text, StringComparison.Ordinal);
        Assert.Contains("Email A (45%)", text, StringComparison.Ordinal);
        Assert.Contains("Audience: Loyalty members, excluding Email opt-outs", text, StringComparison.Ordinal);
        Assert.Contains("control group of", text, StringComparison.Ordinal);
        Assert.Equal(
            [ChatActions.Submit, ChatActions.Cancel, ChatActions.Preview, ChatActions.Runs],
            summary.Buttons().Select(b => b.ActionId));
        Assert.All(summary.Buttons(), b => Assert.Equal(id.ToString(), b.Value));
    }

    [Fact]
    public async Task A_name_matching_several_campaigns_asks_for_the_full_name()
    {
        await using var host = new LifecycleHost();
        host.Campaigns.Create(TestDrafts.OneTime("Sale north"), host.Maya).Unwrap();
        host.Campaigns.Create(TestDrafts.OneTime("Sale south"), host.Maya).Unwrap();

        var reply = (await host.SayAsync("maya", "show sale")).Message().Text();
        var missing = (await host.SayAsync("maya", "show nothing like it")).Message().Text();

        Assert.Contains("matches 2 campaigns", reply, StringComparison.Ordinal);
        Assert.Contains("No campaign is called \"nothing like it\"", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_counts_match_the_service_and_send_nothing()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var counts = (await host.Get<CampaignBot.App.Campaigns.CampaignPreviews>().PreviewAsync(id, host.Maya, CancellationToken.None)).Unwrap();

        var text = (await host.SayAsync("vic", "preview Winter welcome")).Message().Text();

        Assert.Contains($"Audience: {counts.Audience:N0}", text, StringComparison.Ordinal);
        Assert.Contains($"Control (held out): {counts.Control:N0}", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(host.Outbox) && Directory.EnumerateFiles(host.Outbox, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Submit_sends_a_draft_to_approvers_and_a_viewer_may_not()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;

        var refused = (await host.SayAsync("vic", "submit Winter welcome")).Message().Text();
        var submitted = (await host.SayAsync("maya", "submit Winter welcome")).Message().Text();

        Assert.Contains("Not allowed", refused, StringComparison.Ordinal);
        Assert.Contains("pending approval", submitted, StringComparison.Ordinal);
        Assert.Equal(CampaignBot.Core.Lifecycle.CampaignStatus.PendingApproval, host.View(id).Status);
    }

    [Fact]
    public async Task Segment_new_saves_the_segment_and_tells_its_size_and_bad_filters_are_explained()
    {
        await using var host = new LifecycleHost();

        var saved = (await host.SayAsync("maya", "segment new Big spenders where lifetime_value > 500")).Message().Text();
        var broken = (await host.SayAsync("maya", "segment new Broken where lifetime_value >>> 5")).Message().Text();
        var noWhere = (await host.SayAsync("maya", "segment new Lonely")).Message().Text();
        var listed = (await host.SayAsync("vic", "segments")).Message().Text();

        Assert.Contains("Segment Big spenders saved", saved, StringComparison.Ordinal);
        Assert.Matches(@"It holds [\d,]+ customers", saved);
        Assert.Contains("needs fixing", broken, StringComparison.Ordinal);
        Assert.Contains("then `where` and the filter", noWhere, StringComparison.Ordinal);
        Assert.Contains("Big spenders: lifetime_value > 500", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Broken", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destinations_show_each_destinations_rules()
    {
        await using var host = new LifecycleHost();

        var text = (await host.SayAsync("vic", "destinations")).Message().Text();

        Assert.Contains("outbox (Local folder)", text, StringComparison.Ordinal);
        Assert.Contains("takes any attribute", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_tell_what_each_destination_received()
    {
        await using var host = new LifecycleHost();
        await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var text = (await host.SayAsync("vic", "runs Winter welcome")).Message().Text();

        Assert.Contains("Runs of Winter welcome", text, StringComparison.Ordinal);
        Assert.Matches(@"Email A → outbox: delivered, [\d,]+ rows delivered", text);
    }

    [Fact]
    public async Task Explain_tells_why_a_customer_is_in_the_campaign_without_showing_their_values()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var member = await FirstMemberAsync(host, id);

        var text = (await host.SayAsync("vic", $"explain {member} in Winter welcome")).Message().Text();
        var unknown = (await host.SayAsync("vic", "explain nobody-at-all in Winter welcome")).Message().Text();
        var malformed = (await host.SayAsync("vic", "explain just a name")).Message().Text();

        Assert.Contains("Include Loyalty members: member", text, StringComparison.Ordinal);
        Assert.Contains("Exclude Email opt-outs: not a member", text, StringComparison.Ordinal);
        Assert.Contains("Group:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        Assert.Contains("needs fixing", unknown, StringComparison.Ordinal);
        Assert.Contains("Say who and which campaign", malformed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_shows_what_each_exclusion_removed_and_what_each_destination_gets()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var counts = (await host.Get<CampaignBot.App.Campaigns.CampaignPreviews>().PreviewAsync(id, host.Maya, CancellationToken.None)).Unwrap();

        var text = (await host.SayAsync("maya", "show Winter welcome")).Message().Text();

        Assert.Contains($"Email opt-outs removed {counts.Exclusions[0].Removed:N0} customers", text, StringComparison.Ordinal);
        Assert.Contains($"Included: {counts.Included:N0}", text, StringComparison.Ordinal);
        Assert.Contains($"→ outbox: {counts.SubAudiences[0].Groups[0].Deliveries[0].Deliverable:N0} deliverable", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_resume_and_cancel_buttons_move_the_campaign_and_a_viewer_is_refused()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());

        var refused = (await host.ClickAsync("vic", ChatActions.Pause, id.ToString())).Message().Text();
        var paused = (await host.ClickAsync("maya", ChatActions.Pause, id.ToString())).Message().Text();
        var pausedStatus = host.View(id).Status;
        await host.ClickAsync("maya", ChatActions.Resume, id.ToString());
        var resumedStatus = host.View(id).Status;
        var cancelled = (await host.ClickAsync("maya", ChatActions.Cancel, id.ToString())).Message().Text();

        Assert.Contains("Not allowed", refused, StringComparison.Ordinal);
        Assert.Contains("You paused Winter welcome", paused, StringComparison.Ordinal);
        Assert.Equal(CampaignBot.Core.Lifecycle.CampaignStatus.Paused, pausedStatus);
        Assert.NotEqual(CampaignBot.Core.Lifecycle.CampaignStatus.Paused, resumedStatus);
        Assert.Contains("You cancelled Winter welcome", cancelled, StringComparison.Ordinal);
        Assert.Equal(CampaignBot.Core.Lifecycle.CampaignStatus.Cancelled, host.View(id).Status);
    }

    /// <summary>A customer id the campaign's audience holds, read from the engine the way a run reads it.</summary>
    private static async Task<string> FirstMemberAsync(LifecycleHost host, CampaignId campaignId)
    {
        var resolved = host.Get<CampaignBot.App.Campaigns.CampaignResolver>().Resolve(host.Get<CampaignBot.App.Campaigns.CampaignStore>().Get(campaignId)!);
        var builder = new CampaignBot.Customers.Audiences.AudienceBuilder(host.Get<CampaignBot.Customers.Engine.CustomerEngine>());
        await foreach (var member in builder.StreamAsync(resolved.Value!.AudienceRequest(DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime)), CampaignBot.Customers.Audiences.AudienceSlice.Everyone, []))
        {
            return member.CustomerId;
        }

        throw new Xunit.Sdk.XunitException("The audience is empty.");
    }
}
