using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Slack;

public sealed class SlackCommandTests
{
    [Fact]
    public async Task A_command_is_acknowledged_at_once_and_answered_privately_at_its_response_url()
    {
        await using var slack = await SlackHost.StartAsync();
        slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap();
        var responseUrl = slack.Slack.NewResponseUrl();

        var watch = Stopwatch.StartNew();
        using var response = await slack.CommandAsync("UMAYA", "show Winter welcome", responseUrl);
        var acknowledged = watch.Elapsed;
        var answer = await slack.WaitForAsync("response_url");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(acknowledged < TimeSpan.FromSeconds(3), $"Acknowledged after {acknowledged}.");
        Assert.Equal("ephemeral", answer.Body["response_type"]!.GetValue<string>());
        Assert.Contains("Winter welcome", SlackHost.Text(answer), StringComparison.Ordinal);
        Assert.Contains("campaign.submit", SlackHost.Text(answer), StringComparison.Ordinal);
        Assert.Null(answer.Error);
    }

    [Theory]
    [InlineData("help", "CampaignBot commands")]
    [InlineData("list", "Winter welcome: draft")]
    [InlineData("show winter welcome", "Audience: Loyalty members")]
    [InlineData("preview Winter welcome", "Nothing was sent")]
    [InlineData("runs Winter welcome", "has not run yet")]
    [InlineData("segments", "Loyalty members")]
    [InlineData("segment new Big spenders where lifetime_value > 500", "Segment Big spenders saved")]
    [InlineData("destinations", "outbox (Local folder)")]
    [InlineData("explain no-such-customer in Winter welcome", "needs fixing")]
    [InlineData("submit Winter welcome", "pending approval")]
    [InlineData("make it pop", "I don't know")]
    public async Task Every_command_answers_through_slack(string command, string expected)
    {
        await using var slack = await SlackHost.StartAsync();
        slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap();

        using var response = await slack.CommandAsync("UMAYA", command);
        var answer = await slack.WaitForAsync("response_url");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(answer.Error);
        Assert.Contains(expected, SlackHost.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_name_cannot_ping_the_channel()
    {
        await using var slack = await SlackHost.StartAsync();
        slack.Host.Campaigns.Create(TestDrafts.OneTime("Sale <!channel> & more"), slack.Host.Maya).Unwrap();

        using var response = await slack.CommandAsync("UMAYA", "list");
        var answer = await slack.WaitForAsync("response_url");

        Assert.Contains("Sale &lt;!channel&gt; &amp; more", SlackHost.Text(answer), StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", SlackHost.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_slack_does_not_know_us_for_reads_help_only_and_an_email_match_is_recognised()
    {
        await using var slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Users:People:3:Email"] = "vic@example.com" });
        slack.Slack.AddUser("UVICTORIA", "Vic@Example.com");

        using var stranger = await slack.CommandAsync("UNEWBIE", "list");
        var help = await slack.WaitForAsync("response_url");
        using var byEmail = await slack.CommandAsync("UVICTORIA", "destinations");
        var destinations = await slack.WaitForAsync("response_url", c => SlackHost.Text(c).Contains("outbox", StringComparison.Ordinal));

        Assert.Contains("not set up in CampaignBot", SlackHost.Text(help), StringComparison.Ordinal);
        Assert.Contains("Local folder", SlackHost.Text(destinations), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_opens_the_wizard_and_each_submission_moves_it_on_or_shows_errors_in_the_modal()
    {
        await using var slack = await SlackHost.StartAsync();

        using var command = await slack.CommandAsync("UMAYA", "new", triggerId: "trigger-new-1");
        var opened = await slack.WaitForAsync("views.open");
        var view = opened.Body["view"]!.AsObject();
        Assert.Equal("trigger-new-1", opened.Body["trigger_id"]!.GetValue<string>());
        Assert.Null(opened.Error);

        using var wrong = await slack.InteractionAsync(SlackModals.Submit("UMAYA", view, new JsonObject
        {
            ["name"] = SlackModals.Text(""),
            ["type"] = SlackModals.Select("one-time"),
            ["audience.include"] = SlackModals.MultiSelect(),
        }));
        var errors = JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
        Assert.NotNull(errors["errors"]!["name"]);

        using var right = await slack.InteractionAsync(SlackModals.Submit("UMAYA", view, new JsonObject
        {
            ["name"] = SlackModals.Text("Slack-built sale"),
            ["type"] = SlackModals.Select("one-time"),
            ["audience.include"] = SlackModals.MultiSelect("Loyalty members"),
            ["audience.exclude"] = SlackModals.MultiSelect("Email opt-outs"),
        }));
        var next = JsonNode.Parse(await right.Content.ReadAsStringAsync())!;
        Assert.Equal("update", next["response_action"]!.GetValue<string>());
        Assert.Contains("Step 2", next["view"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(CampaignBot.Chat.Slack.BlockKit.BlockKitLimits.CheckView(next["view"]!.AsObject()));
    }

    [Fact]
    public async Task Segment_menus_search_by_typed_text()
    {
        await using var slack = await SlackHost.StartAsync();
        using var warmUp = await slack.CommandAsync("UMAYA", "help");
        await slack.WaitForAsync("response_url");

        using var response = await slack.InteractionAsync(new JsonObject
        {
            ["type"] = "block_suggestion",
            ["user"] = new JsonObject { ["id"] = "UMAYA" },
            ["team"] = new JsonObject { ["id"] = "T0001" },
            ["action_id"] = "segments",
            ["block_id"] = "audience.include",
            ["value"] = "loyal",
        });
        var options = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["options"]!.AsArray();

        Assert.Contains(options, o => o!["value"]!.GetValue<string>() == "Loyalty members");
        Assert.All(options, o => Assert.Contains("loyal", o!["value"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_whole_wizard_runs_through_slack_modals_and_creates_the_draft()
    {
        await using var slack = await SlackHost.StartAsync();
        using var command = await slack.CommandAsync("UMAYA", "new", triggerId: "trigger-wizard");
        var view = (await slack.WaitForAsync("views.open")).Body["view"]!.AsObject();
        var answers = new Dictionary<string, string[]>
        {
            ["name"] = ["Whole wizard sale"], ["type"] = ["recurring"], ["audience.include"] = ["Loyalty members"], ["audience.exclude"] = ["Email opt-outs"],
            ["subAudiences[0].name"] = ["Everyone"], ["subAudiences[0].segment"] = ["*"], ["subAudiences[0].controlPercent"] = ["10"], ["groupCount"] = ["2"],
            ["subAudiences[0].groups[0].name"] = ["Email A"], ["subAudiences[0].groups[0].percent"] = ["45"], ["subAudiences[0].groups[0].destinations"] = ["outbox"],
            ["subAudiences[0].groups[1].name"] = ["Email B"], ["subAudiences[0].groups[1].percent"] = ["45"], ["subAudiences[0].groups[1].destinations"] = ["outbox"],
            ["another"] = ["no"],
            ["schedule.launch"] = ["2027-01-04 09:00"], ["schedule.timeZone"] = ["America/Los_Angeles"], ["schedule.cadence"] = ["weekly"],
        };

        for (var step = 0; step < 6; step++)
        {
            Assert.Empty(CampaignBot.Chat.Slack.BlockKit.BlockKitLimits.CheckView(view));
            using var response = await slack.InteractionAsync(SlackModals.Submit("UMAYA", view, SlackModals.StateFor(view, answers)));
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (answer["response_action"]!.GetValue<string>() == "clear")
            {
                break;
            }

            Assert.Equal("update", answer["response_action"]!.GetValue<string>());
            view = answer["view"]!.AsObject();
        }

        var created = await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == "DMAYA");
        var campaign = slack.Host.Campaigns.Find(new CampaignBot.App.Campaigns.CampaignQuery { Search = "Whole wizard sale" }, slack.Host.Maya).Unwrap().Items.Single();
        Assert.Contains("Draft Whole wizard sale created", SlackHost.Text(created), StringComparison.Ordinal);
        Assert.Equal("weekly", campaign.Draft.Schedule!.Cadence);
        Assert.Equal(2, campaign.Draft.SubAudiences![0].Groups!.Count);
        Assert.Contains("Every Monday", campaign.Schedule, StringComparison.Ordinal);
    }
}
