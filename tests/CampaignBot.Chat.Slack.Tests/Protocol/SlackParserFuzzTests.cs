using System.Text;
using CampaignBot.Chat.Slack;
using CampaignBot.Tests.Fuzzing;
using Xunit.Abstractions;
using CampaignBot.Chat.Slack.Protocol;

namespace CampaignBot.Chat.Slack.Tests.Protocol;

/// <summary>
/// Thousands of mutated and random Slack bodies per parser: each answers with a value or its own failure
/// (<see cref="SlackParseResult{T}"/>), never an exception.
/// </summary>
public sealed class SlackParserFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 4000;

    private const string CommandBody =
        "token=x&team_id=T0001&team_domain=example&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve"
        + "&command=%2Fcampaign&text=segment+new+X+where+lifetime_value+%26gt%3B+2000+%3Cmailto%3Aa%40b.c%7Ca%40b.c%3E+%26amp%3B+%3C%40U0BOT%3E"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0&api_app_id=A123456";

    private static readonly string[] Interactions =
    [
        """
        {"type":"block_actions","user":{"id":"U0APPROVER","username":"ana","team_id":"T0TEAM"},"api_app_id":"A0APP","token":"x",
         "container":{"type":"message","message_ts":"1765000000.000200","channel_id":"C0APPROVALS","is_ephemeral":false},
         "trigger_id":"1234.5678.abcd","team":{"id":"T0TEAM","domain":"acme"},"channel":{"id":"C0APPROVALS","name":"approvals"},
         "message":{"type":"message","ts":"1765000000.000200","text":"Approve Spring sale?","bot_id":"B0BOT"},
         "response_url":"https://hooks.slack.com/actions/T0TEAM/1/abc",
         "actions":[{"action_id":"campaign.approve#2","block_id":"approval:42","text":{"type":"plain_text","text":"Approve"},
                     "value":"campaign-42","style":"primary","type":"button","action_ts":"1765000010.123456"},
                    {"action_id":"channels","block_id":"b1","type":"multi_static_select","selected_options":[{"value":"email"},{"value":"sms"}]}]}
        """,
        """
        {"type":"view_submission","team":{"id":"T0TEAM"},"user":{"id":"U0ALICE"},"trigger_id":"111.222.333",
         "view":{"id":"V0MODAL","type":"modal","callback_id":"campaign.new","private_metadata":"{\"draft\":7}","hash":"1765000000.abcd",
          "state":{"values":{
            "name":{"value":{"type":"plain_text_input","value":"Spring & sale <b>"}},
            "notes":{"value":{"type":"plain_text_input","value":null}},
            "segment":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"VIP"},"value":"seg-vip"}}},
            "when":{"value":{"type":"datetimepicker","selected_date_time":1765000000}},
            "people":{"value":{"type":"multi_users_select","selected_users":["U1","U2"]}},
            "day":{"value":{"type":"datepicker","selected_date":"2026-12-01"}}}}}}
        """,
        """{"type":"block_suggestion","user":{"id":"U1"},"action_id":"segments","block_id":"audience.include","value":"loy","view":{"id":"V1","state":{"values":{}}}}""",
        """{"type":"view_closed","user":{"id":"U1"},"view":{"id":"V1","callback_id":"campaign.new","private_metadata":"","hash":"h","state":{"values":{}}},"is_cleared":false}""",
        """{"type":"shortcut","user":{"id":"U1"},"callback_id":"new_campaign","trigger_id":"t1","team":{"id":"T1"}}""",
    ];

    private static readonly string[] Events =
    [
        """{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""",
        """
        {"token":"t","team_id":"T061EG9R6","api_app_id":"A0MDYCDME",
         "event":{"type":"app_mention","user":"U061F7AUR","text":"<@U0LAN0Z89> show Fish &amp; Chips <https://x.test|x> <!here>","ts":"1515449522.000016",
                  "channel":"C0LAN2Q65","event_ts":"1515449522000016","thread_ts":"1515449000.000100"},
         "type":"event_callback","event_id":"Ev0LAN670R","event_time":1515449522,
         "authorizations":[{"team_id":"T061EG9R6","user_id":"U0LAN0Z89","is_bot":true}]}
        """,
        """{"team_id":"T1","event":{"type":"message","channel":"D024BE91L","user":"U2147483697","text":"list","ts":"1355517523.000005","channel_type":"im"},"type":"event_callback","event_id":"Ev2"}""",
        """{"type":"app_rate_limited","token":"t","team_id":"T1","minute_rate_limited":1518467820,"api_app_id":"A1"}""",
    ];

    [Fact]
    public void Slash_command_bodies_give_a_command_or_the_parsers_failure()
    {
        var fuzz = Start();
        var bytes = Encoding.UTF8.GetBytes(CommandBody);

        fuzz.Cases(Cases, i => (i % 4) switch
        {
            0 => Encoding.UTF8.GetBytes(fuzz.Mutate(CommandBody)),
            1 => fuzz.MutateBytes(bytes),
            2 => Encoding.UTF8.GetBytes(string.Join('&', Enumerable.Range(0, fuzz.Random.Next(12)).Select(_ => $"{fuzz.RandomText(12)}={fuzz.RandomText(40)}"))),
            _ => Encoding.UTF8.GetBytes(CommandBody.Replace("segment+new+X", Uri.EscapeDataString(fuzz.RandomText(300)), StringComparison.Ordinal)),
        }, body =>
        {
            _ = SlashCommand.IsSslCheck(body);
            Answered(SlashCommand.Parse(body));
        }, Describe);
    }

    [Fact]
    public void Interaction_payloads_give_an_interaction_or_the_parsers_failure()
    {
        var fuzz = Start();

        fuzz.Cases(Cases, i => (i % 4) switch
        {
            0 => Form(fuzz.MutateJson(fuzz.Pick(Interactions))),
            1 => Form(fuzz.Mutate(fuzz.Pick(Interactions))),
            2 => fuzz.MutateBytes(Form(fuzz.Pick(Interactions))),
            _ => Form(fuzz.RandomText(300)),
        }, body => Answered(SlackInteraction.Parse(body)), Describe);
    }

    [Fact]
    public void Event_bodies_give_an_envelope_or_the_parsers_failure()
    {
        var fuzz = Start();

        fuzz.Cases(Cases, i => (i % 4) switch
        {
            0 => Encoding.UTF8.GetBytes(fuzz.MutateJson(fuzz.Pick(Events))),
            1 => Encoding.UTF8.GetBytes(fuzz.Mutate(fuzz.Pick(Events))),
            2 => fuzz.MutateBytes(Encoding.UTF8.GetBytes(fuzz.Pick(Events))),
            _ => Encoding.UTF8.GetBytes(fuzz.RandomText(300)),
        }, body => Answered(SlackEventEnvelope.Parse(body)), Describe);
    }

    [Fact]
    public void Slack_markup_in_any_text_decodes_without_failing()
    {
        var fuzz = Start();

        fuzz.Cases(Cases, i => i % 2 == 0 ? fuzz.RandomText(200) : fuzz.Mutate("<@U1> show <mailto:a@b.c|a@b.c> &amp; <https://x.test?a&amp;b|y> <!date^1^{x}|z> &lt;&gt;"), text =>
        {
            var plain = SlackMarkup.ToPlainText(text);
            Assert.True(plain.Length <= text.Length, "Decoding never lengthens text.");
        });
    }

    private static byte[] Form(string payload) => Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload));

    private static void Answered<T>(SlackParseResult<T> result)
        where T : class
    {
        if (!result.Succeeded)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
        }
    }

    private static string Describe(byte[] body) => Encoding.UTF8.GetString(body);

    private Fuzz Start()
    {
        var fuzz = new Fuzz();
        output.WriteLine($"Fuzz seed {fuzz.Seed} (CAMPAIGNBOT_GENERATIVE_SEED overrides it), {Cases} cases.");
        return fuzz;
    }
}
