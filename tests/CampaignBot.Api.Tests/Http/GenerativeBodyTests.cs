using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CampaignBot.Api.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Campaigns;
using Xunit.Abstractions;

namespace CampaignBot.Api.Tests.Http;

/// <summary>
/// Thousands of seeded, mutated bodies posted to every /api endpoint that reads one (and a few that read none): the
/// answer is never a 5xx, and every 4xx is an RFC 9457 problem. One service for the whole class, so it stays fast.
/// </summary>
public sealed class GenerativeBodyTests(GenerativeBodyTests.Service service, ITestOutputHelper output) : IClassFixture<GenerativeBodyTests.Service>
{
    private const int BodiesPerEndpoint = 400;

    private static readonly string Campaign = JsonSerializer.Serialize(ApiExamples.Campaign, ApiTestKit.Json);

    private static readonly string RecurringCampaign = JsonSerializer.Serialize(TestDrafts.Recurring("weekly", "2026-12-07 09:00", "America/Los_Angeles",
        new CampaignBot.Core.Campaigns.QuietHoursDraft { Start = "21:00", End = "08:00" }, "2027-03-01") with
    {
        SubAudiences =
        [
            new CampaignBot.Core.Campaigns.SubAudienceDraft
            {
                Name = "West", Segment = "West coast", ControlPercent = 0,
                Groups = [new CampaignBot.Core.Campaigns.RecipientGroupDraft { Name = "Email", Percent = 100, Destinations = [TestDrafts.Outbox("email", "given_name")] }],
            },
            TestDrafts.OneTime().SubAudiences![0],
        ],
    }, ApiTestKit.Json);

    private static readonly string[] Segments =
    [
        JsonSerializer.Serialize(ApiExamples.Segment, ApiTestKit.Json),
        """{ "name": "Tree", "description": "d", "filter": { "allOf": [ { "column": "lifetime_value", "operator": ">", "values": [500] }, { "anyOf": [ { "column": "state", "operator": "in", "values": ["WA", "OR"] } ] }, { "not": { "column": "email", "operator": "is empty" } } ] } }""",
        """{ "text": "signup_date in last 30 days or lifetime_value between 10 and 20" }""",
    ];

    public static TheoryData<string> Endpoints => ["create campaign", "update campaign", "create segment", "size segment", "approve", "reject", "mute alert", "bodiless"];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Mutated_bodies_never_get_a_5xx_and_every_4xx_is_a_problem(string endpoint)
    {
        var (examples, requests) = Target(endpoint);
        // Fixed per endpoint so a failure repeats; CAMPAIGNBOT_GENERATIVE_SEED explores other bodies.
        var seed = endpoint.Aggregate(int.TryParse(Environment.GetEnvironmentVariable("CAMPAIGNBOT_GENERATIVE_SEED"), out var start) ? start : 17, (hash, c) => (hash * 31) + c);
        var mutations = new JsonBodyMutations(seed);
        var bodies = Enumerable.Range(0, BodiesPerEndpoint).Select(i => (Index: i, Body: mutations.Next(examples), mutations.ContentType)).ToList();
        var clock = Stopwatch.StartNew();

        var failures = new List<string>();
        var statuses = new List<int>();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (body, cancellationToken) =>
        {
            var (method, path, user) = requests[body.Index % requests.Count];
            using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body.Body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
            using var response = await service.Client(user).SendAsync(request, cancellationToken);
            var problem = await Problem(response);
            lock (failures)
            {
                statuses.Add((int)response.StatusCode);
                if (problem is not null)
                {
                    failures.Add($"seed {seed} #{body.Index} {method} {path} ({body.ContentType}): {problem}\n  body: {Preview(body.Body)}");
                }
            }
        });

        output.WriteLine($"{endpoint}: {BodiesPerEndpoint} bodies in {clock.ElapsedMilliseconds} ms; {string.Join(", ", statuses.CountBy(s => s).OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}"))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private (string[] Examples, List<(HttpMethod, string, string)> Requests) Target(string endpoint) => endpoint switch
    {
        "create campaign" => ([Campaign, RecurringCampaign], [(HttpMethod.Post, "/api/campaigns", "maya")]),
        "update campaign" => ([Campaign, RecurringCampaign], [(HttpMethod.Put, $"/api/campaigns/{service.Draft}", "maya")]),
        "create segment" => (Segments, [(HttpMethod.Post, "/api/segments", "maya")]),
        "size segment" => (Segments, [(HttpMethod.Post, "/api/segments/insights", "vic")]),
        "approve" => (["""{ "comment": "Looks right." }""", "{}"], [(HttpMethod.Post, $"/api/campaigns/{service.Pending}/approve", "omar")]),
        "reject" => (["""{ "comment": "Exclude last week's buyers." }"""], [(HttpMethod.Post, $"/api/campaigns/{service.Pending}/reject", "omar")]),
        "mute alert" => (["""{ "hours": 4 }""", """{ "hours": 168 }"""], [(HttpMethod.Post, "/api/alerts/00000000-0000-0000-0000-00000000a1e7/mute", "maya")]),
        _ => (["{}", """{ "comment": "x" }"""],
        [
            (HttpMethod.Post, $"/api/campaigns/{service.Draft}/submit", "maya"), (HttpMethod.Post, $"/api/campaigns/{service.Draft}/pause", "maya"),
            (HttpMethod.Post, "/api/alerts/00000000-0000-0000-0000-00000000a1e7/acknowledge", "maya"), (HttpMethod.Post, "/api/runs/nothing/retry", "maya"),
            (HttpMethod.Delete, "/api/campaigns/00000000-0000-0000-0000-00000000dead", "maya"),
        ]),
    };

    // What is wrong with the answer, or null: below 500, and a 4xx is a problem whose status matches the response's.
    private static async Task<string?> Problem(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return $"{status}: {Shorten(text)}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {Shorten(text)}";
        }

        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            return root.TryGetProperty("status", out var s) && s.GetInt32() == status && root.TryGetProperty("title", out _)
                ? null
                : $"{status} with a problem lacking its status or title: {Shorten(text)}";
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON: {Shorten(text)}";
        }
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static string Preview(byte[] body) =>
        Shorten(body.Length > 2000 ? $"{body.Length} bytes, starting {Convert.ToBase64String(body[..600])}" : Convert.ToBase64String(body));

    /// <summary>The service the whole class posts to, with a draft and a campaign waiting for approval.</summary>
    public sealed class Service : IAsyncLifetime
    {
        private LifecycleHost? _host;
        private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

        public CampaignId Draft { get; private set; }

        public CampaignId Pending { get; private set; }

        public HttpClient Client(string user)
        {
            lock (_clients)
            {
                return _clients.TryGetValue(user, out var client) ? client : _clients[user] = _host!.Client(user);
            }
        }

        public async Task InitializeAsync()
        {
            _host = new LifecycleHost(new Dictionary<string, string?> { ["Api:PermitsPerMinute"] = "1000000" });
            Draft = _host.Campaigns.Create(TestDrafts.OneTime("Draft to edit"), _host.Maya).Unwrap().Id;
            Pending = await _host.SubmittedAsync(TestDrafts.OneTime("Waiting for approval"));
        }

        public async Task DisposeAsync()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            await _host!.DisposeAsync();
        }
    }
}
