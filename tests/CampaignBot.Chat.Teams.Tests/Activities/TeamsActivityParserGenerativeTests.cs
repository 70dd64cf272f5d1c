using System.Text;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.Cards;

namespace CampaignBot.Chat.Teams.Tests.Activities;

/// <summary>
/// Thousands of random and mutated activities (seeded, so a failure replays): the parser answers each with an activity
/// or its own Invalid result, never an exception, and never accepts an activity missing a field the bot relies on.
/// </summary>
public sealed class TeamsActivityParserGenerativeTests
{
    private const int Cases = 4000;

    private static readonly JsonObject[] Seeds =
    [
        ActivityJson.Message("<at>CampaignBot</at> show <b>Spring</b> &amp; sale"),
        ActivityJson.CardAction("approval.approve", new JsonObject { [CardActionData.Envelope] = new JsonObject { [CardActionData.Value] = "c1" } }),
        ActivityJson.CardAction(CardActionData.SubmitVerb, new JsonObject
        {
            [CardActionData.Envelope] = new JsonObject { [CardActionData.Form] = "f", [CardActionData.State] = "s", [CardActionData.Multi] = new JsonArray("m") },
            ["m"] = "a,b",
            ["t"] = "x",
        }),
        ActivityJson.Search("segments", "sp"),
        WithMembers(ActivityJson.Envelope("conversationUpdate")),
        WithAction(ActivityJson.Envelope("installationUpdate")),
    ];

    [Fact]
    public void Mutated_activities_give_an_activity_or_the_parsers_own_error()
    {
        var random = new Random(19_2026);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Cases; i++)
        {
            var body = Body(random, i);
            TeamsParseResult result;
            try
            {
                result = TeamsActivityParser.Parse(body);
            }
            catch (Exception error)
            {
                Assert.Fail($"case {i} threw {error.GetType().Name}: {error.Message}\n{body}");
                throw;
            }

            var kind = result is TeamsParseResult.Parsed parsed ? parsed.Activity.GetType().Name : "Invalid";
            outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            switch (result)
            {
                case TeamsParseResult.Parsed { Activity: var activity }:
                    AssertComplete(activity, body);
                    break;
                case TeamsParseResult.Invalid { Problems: var problems }:
                    Assert.NotEmpty(problems);
                    break;
            }
        }

        // The mutations must exercise both sides, or the test proves little.
        Assert.True(outcomes.GetValueOrDefault("Invalid") > Cases / 10, string.Join(", ", outcomes));
        Assert.True(outcomes.Count >= 5, string.Join(", ", outcomes));
    }

    private static void AssertComplete(TeamsActivity activity, string body)
    {
        foreach (var value in new[] { activity.Type, activity.Id, activity.ChannelId, activity.ServiceUrl, activity.From.Id, activity.Recipient.Id, activity.Conversation.Id })
        {
            Assert.False(string.IsNullOrWhiteSpace(value), body);
        }

        Assert.True(Uri.IsWellFormedUriString(activity.ServiceUrl, UriKind.Absolute) || Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _), body);
        if (activity is TeamsCardAction action)
        {
            Assert.False(string.IsNullOrWhiteSpace(action.Verb), body);
        }
    }

    private static string Body(Random random, int i) => (i % 10) switch
    {
        0 => RandomJson(random, depth: 0)?.ToJsonString() ?? "null",
        1 => Garble(random, Mutate(random, Seed(random)).ToJsonString()),
        _ => Mutate(random, Seed(random)).ToJsonString(),
    };

    private static JsonObject Seed(Random random) => Seeds[random.Next(Seeds.Length)].DeepClone().AsObject();

    /// <summary>A few edits anywhere in the tree: remove, retype, add, or replace a node.</summary>
    private static JsonObject Mutate(Random random, JsonObject root)
    {
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var objects = Objects(root).ToList();
            var target = objects[random.Next(objects.Count)];
            var keys = target.Select(p => p.Key).ToList();
            switch (random.Next(4))
            {
                case 0 when keys.Count > 0:
                    target.Remove(keys[random.Next(keys.Count)]);
                    break;
                case 1 when keys.Count > 0:
                    target[keys[random.Next(keys.Count)]] = RandomJson(random, depth: 2);
                    break;
                case 2:
                    target[RandomKey(random)] = RandomJson(random, depth: 1);
                    break;
                default:
                    if (keys.Count > 0)
                    {
                        target[keys[random.Next(keys.Count)]] = random.Next(3) switch { 0 => "", 1 => " ", _ => null };
                    }

                    break;
            }
        }

        return root;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (var (_, child) in obj)
            {
                foreach (var inner in Objects(child))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var inner in array.SelectMany(Objects))
            {
                yield return inner;
            }
        }
    }

    private static readonly string[] Keys =
    [
        "type", "id", "text", "name", "value", "action", "verb", "data", "from", "recipient", "conversation", "serviceUrl",
        "channelId", "entities", "mentioned", "membersAdded", "trigger", "dataset", "queryText", "queryOptions", "top", "skip",
        CardActionData.Envelope, CardActionData.Form, CardActionData.Multi, CardActionData.Input, "timestamp", "channelData", "tenant",
    ];

    private static string RandomKey(Random random) => random.Next(4) == 0 ? RandomString(random) : Keys[random.Next(Keys.Length)];

    private static JsonNode? RandomJson(Random random, int depth) => random.Next(depth >= 3 ? 6 : 9) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.Next(int.MinValue, int.MaxValue),
        3 => random.NextDouble() * 1e12,
        4 => RandomString(random),
        5 => Keys[random.Next(Keys.Length)],
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(5)).Select(_ => RandomKey(random)).Distinct().Select(k => KeyValuePair.Create(k, RandomJson(random, depth + 1)))),
    };

    private static string RandomString(Random random)
    {
        const string alphabet = "ab<>/&;#@:.,= \u00A0\u200Bé😀\"\\\n";
        var text = new StringBuilder();
        for (var i = random.Next(12); i > 0; i--)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return random.Next(5) == 0 ? "<at>" + text + "</at>" : text.ToString();
    }

    /// <summary>Byte-level damage: truncation, a flipped character, a duplicated key.</summary>
    private static string Garble(Random random, string json) => random.Next(3) switch
    {
        0 => json[..random.Next(json.Length)],
        1 => json.Remove(random.Next(json.Length), 1).Insert(random.Next(json.Length - 1), "{[\":,}]"[random.Next(7)].ToString()),
        _ => json.Length > 2 ? $"{{\"type\":\"message\",{json[1..]}" : json,
    };

    private static JsonObject WithMembers(JsonObject json)
    {
        json["membersAdded"] = new JsonArray(new JsonObject { ["id"] = ActivityJson.BotId });
        return json;
    }

    private static JsonObject WithAction(JsonObject json)
    {
        json["action"] = "add";
        return json;
    }
}
