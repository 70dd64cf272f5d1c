using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Slack;
using CampaignBot.Tests.Fuzzing;
using Xunit.Abstractions;
using CampaignBot.Chat.Slack.Protocol;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>
/// Mutated and random bodies, correctly signed so they pass the verifier, posted to the three Slack endpoints of
/// the real service: every answer is a 2xx or a 4xx, never a 5xx.
/// </summary>
public sealed class SlackEndpointFuzzTests(ITestOutputHelper output)
{
    private const int CasesPerEndpoint = 300;

    private static readonly string[] Users = ["UMAYA", "UVIC", "UNEWBIE", "U0NOBODY"];

    private static readonly string[] Commands =
        ["help", "list", "list expired", "segments", "destinations", "show Winter welcome", "segment new Fuzz where lifetime_value &gt; 2000", "explain <mailto:a@b.c|a@b.c> in Winter welcome", "alerts"];

    private static readonly string[] Interactions =
    [
        """{"type":"block_actions","user":{"id":"UMAYA"},"team":{"id":"T0001"},"channel":{"id":"CGENERAL"},"container":{"type":"message","channel_id":"CGENERAL","message_ts":"1700000000.000100"},"trigger_id":"t1","response_url":"http://127.0.0.1:1/response","actions":[{"type":"button","action_id":"campaign.show","block_id":"b1","value":"00000000-0000-0000-0000-000000000000"}]}""",
        """{"type":"view_submission","user":{"id":"UMAYA"},"team":{"id":"T0001"},"view":{"id":"V1","type":"modal","callback_id":"campaign.new","private_metadata":"","hash":"h","state":{"values":{"name":{"value":{"type":"plain_text_input","value":"Fuzz & sale"}},"type":{"value":{"type":"static_select","selected_option":{"value":"one-time"}}}}}}}""",
        """{"type":"block_suggestion","user":{"id":"UMAYA"},"team":{"id":"T0001"},"action_id":"segments","block_id":"audience.include","value":"loy"}""",
        """{"type":"view_closed","user":{"id":"UVIC"},"view":{"id":"V1","callback_id":"campaign.reject","private_metadata":"x","state":{"values":{}}}}""",
    ];

    private static readonly string[] Events =
    [
        """{"type":"url_verification","token":"t","challenge":"c0ffee"}""",
        """{"type":"event_callback","team_id":"T0001","api_app_id":"A0001","event_id":"Ev1","event_time":1700000000,"event":{"type":"app_mention","user":"UVIC","text":"<@UBOT> destinations &amp; more","ts":"1700000000.000100","channel":"CGENERAL"}}""",
        """{"type":"event_callback","team_id":"T0001","event_id":"Ev2","event":{"type":"message","channel_type":"im","user":"UMAYA","text":"list","ts":"1700000000.000200","channel":"DMAYA"}}""",
    ];

    [Fact]
    public async Task Signed_but_mangled_slack_requests_never_get_a_server_error()
    {
        await using var slack = await SlackHost.StartAsync();
        var fuzz = new Fuzz();
        output.WriteLine($"Fuzz seed {fuzz.Seed} (CAMPAIGNBOT_GENERATIVE_SEED overrides it), {CasesPerEndpoint} cases per endpoint.");
        var statuses = new Dictionary<HttpStatusCode, int>();

        foreach (var (path, body, contentType) in new (string, Func<int, byte[]>, string)[]
        {
            ("/slack/commands", i => CommandBody(fuzz, slack, i), "application/x-www-form-urlencoded"),
            ("/slack/interactions", i => InteractionBody(fuzz, i), "application/x-www-form-urlencoded"),
            ("/slack/events", i => EventBody(fuzz, i), "application/json"),
        })
        {
            await fuzz.CasesAsync(CasesPerEndpoint, body, async bytes =>
            {
                using var response = await PostSignedAsync(slack, path, bytes, fuzz.Chance(0.9) ? contentType : fuzz.Pick(["text/plain", "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]));
                statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
                Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }, bytes => $"{path} {Encoding.UTF8.GetString(bytes)}");
        }

        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}")));
    }

    private static byte[] CommandBody(Fuzz fuzz, SlackHost slack, int i)
    {
        var form = SlackHost.Form(new Dictionary<string, string>
        {
            ["token"] = "legacy-unused", ["team_id"] = "T0001", ["channel_id"] = SlackHost.Channel, ["user_id"] = fuzz.Pick(Users), ["user_name"] = "fuzz",
            ["command"] = "/campaign", ["text"] = i % 3 == 0 ? fuzz.RandomText(120) : fuzz.Pick(Commands),
            ["response_url"] = slack.Slack.NewResponseUrl().AbsoluteUri, ["trigger_id"] = $"trigger-{i}", ["api_app_id"] = "A0001",
        });
        return (i % 3) switch
        {
            1 => Encoding.UTF8.GetBytes(fuzz.Mutate(form)),
            2 => fuzz.MutateBytes(Encoding.UTF8.GetBytes(form)),
            _ => Encoding.UTF8.GetBytes(form),
        };
    }

    private static byte[] InteractionBody(Fuzz fuzz, int i)
    {
        var payload = fuzz.Pick(Interactions);
        return (i % 4) switch
        {
            0 => Form(fuzz.MutateJson(payload)),
            1 => Form(fuzz.Mutate(payload)),
            2 => fuzz.MutateBytes(Form(payload)),
            _ => Form(fuzz.RandomText(200)),
        };
    }

    private static byte[] EventBody(Fuzz fuzz, int i)
    {
        // Distinct event ids and ts, so the replay guard lets the mutated copies through to the parser and beyond.
        var envelope = JsonNode.Parse(fuzz.Pick(Events))!.AsObject();
        envelope["event_id"] = $"EvFuzz{i}";
        if (envelope["event"] is JsonObject inner)
        {
            inner["ts"] = $"1700000001.{i:D6}";
        }

        var json = envelope.ToJsonString();
        return (i % 4) switch
        {
            0 => Encoding.UTF8.GetBytes(fuzz.MutateJson(json)),
            1 => Encoding.UTF8.GetBytes(fuzz.Mutate(json)),
            2 => fuzz.MutateBytes(Encoding.UTF8.GetBytes(json)),
            _ => Encoding.UTF8.GetBytes(fuzz.RandomText(200)),
        };
    }

    private static byte[] Form(string payload) => Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payload));

    private static async Task<HttpResponseMessage> PostSignedAsync(SlackHost slack, string path, byte[] body, string contentType)
    {
        var timestamp = slack.Host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.ComputeSignature(SlackHost.SigningSecret, timestamp, body));
        return await slack.Http.SendAsync(request);
    }
}
