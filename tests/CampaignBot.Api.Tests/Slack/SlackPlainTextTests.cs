using System.Text.Json.Nodes;
using CampaignBot.Conversations;
using CampaignBot.Api.Tests.Explain;
using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>Slack escapes what people type and wraps links and emails; commands must read what was typed, and answers escape it once.</summary>
public sealed class SlackPlainTextTests
{
    [Fact]
    public async Task The_help_example_filter_works_from_the_command_and_from_a_mention()
    {
        await using var slack = await SlackHost.StartAsync();

        using var command = await slack.CommandAsync("UMAYA", "segment new Big spenders where lifetime_value &gt; 2000");
        var commandAnswer = await slack.WaitForAsync("response_url");
        using var mention = await slack.EventAsync(Mention("UMAYA", "<@UBOT> segment new Bigger spenders where lifetime_value &gt;= 3000"));
        var mentionAnswer = await slack.WaitForAsync("chat.postMessage");

        Assert.Contains("Segment Big spenders saved", SlackHost.Text(commandAnswer), StringComparison.Ordinal);
        Assert.Contains("Filter: lifetime_value &gt; 2000", SlackHost.Text(commandAnswer), StringComparison.Ordinal);
        Assert.Contains("Segment Bigger spenders saved", SlackHost.Text(mentionAnswer), StringComparison.Ordinal);
        Assert.Contains("Filter: lifetime_value &gt;= 3000", SlackHost.Text(mentionAnswer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_finds_a_name_with_an_ampersand_and_the_answer_escapes_it_exactly_once()
    {
        await using var slack = await SlackHost.StartAsync();
        slack.Host.Campaigns.Create(TestDrafts.OneTime("Fish & Chips"), slack.Host.Maya).Unwrap();

        using var command = await slack.CommandAsync("UMAYA", "show Fish &amp; Chips");
        var commandAnswer = SlackHost.Text(await slack.WaitForAsync("response_url"));
        using var mention = await slack.EventAsync(Mention("UMAYA", "<@UBOT> show fish &amp; chips"));
        var mentionAnswer = SlackHost.Text(await slack.WaitForAsync("chat.postMessage"));

        foreach (var answer in new[] { commandAnswer, mentionAnswer })
        {
            Assert.Contains("Fish &amp; Chips", answer, StringComparison.Ordinal);
            Assert.Contains("Audience: Loyalty members", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("&amp;amp;", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("No campaign is called", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Explain_reads_an_email_that_slack_wrapped_as_a_mailto_link()
    {
        await using var slack = await SlackHost.StartAsync(ExplainScenario.Settings());
        await ExplainScenario.SeedAsync(slack.Host);
        slack.Host.Campaigns.Create(ExplainScenario.Draft(), slack.Host.Maya).Unwrap();

        using var command = await slack.CommandAsync("UMAYA", $"explain <mailto:{ExplainScenario.WandaEmail}|{ExplainScenario.WandaEmail}> in Explain me");
        var answer = SlackHost.Text(await slack.WaitForAsync("response_url"));

        Assert.Contains("EX-WANDA", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("No customer has that", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Modal_answers_are_kept_as_typed_because_slack_does_not_escape_them()
    {
        const string typed = "R&amp;D <Fish & Chips>";
        await using var slack = await SlackHost.StartAsync();
        var id = await slack.Host.SubmittedAsync(TestDrafts.OneTime());
        using var click = await slack.InteractionAsync(SlackHost.Click("UOMAR", ChatActions.Reject, id.ToString(), slack.Slack.NewResponseUrl()));
        var view = (await slack.WaitForAsync("views.open")).Body["view"]!.AsObject();

        using var submitted = await slack.InteractionAsync(ReasonSubmission("UOMAR", view, typed));
        var toAuthor = SlackHost.Text(await slack.WaitForAsync("chat.postMessage", c => c.Body["channel"]!.GetValue<string>() == "DMAYA"));

        Assert.Equal(typed, Assert.Single(slack.Host.View(id).Approval!.Decisions).Comment);
        Assert.Contains("R&amp;amp;D &lt;Fish &amp; Chips&gt;", toAuthor, StringComparison.Ordinal);
    }

    // A view_submission as Slack posts it: typed values arrive as typed, without entities.
    private static JsonObject ReasonSubmission(string user, JsonObject view, string reason) => new()
    {
        ["type"] = "view_submission",
        ["user"] = new JsonObject { ["id"] = user },
        ["team"] = new JsonObject { ["id"] = "T0001" },
        ["view"] = new JsonObject
        {
            ["id"] = "V0001",
            ["type"] = "modal",
            ["callback_id"] = view["callback_id"]!.GetValue<string>(),
            ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject { ["reason"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = reason } } },
            },
        },
    };

    private static int _mentions;

    /// <summary>An app_mention as Slack posts it; each gets its own event id and ts, as distinct messages do.</summary>
    internal static JsonObject Mention(string user, string text) => Mention(user, text, Interlocked.Increment(ref _mentions));

    private static JsonObject Mention(string user, string text, int sequence) => new()
    {
        ["type"] = "event_callback",
        ["team_id"] = "T0001",
        ["api_app_id"] = "A0001",
        ["event_id"] = $"EvText{sequence}",
        ["event_time"] = 1700000000,
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention", ["user"] = user, ["text"] = text, ["ts"] = $"1700000000.{sequence:D6}", ["channel"] = SlackHost.Channel,
        },
    };
}
