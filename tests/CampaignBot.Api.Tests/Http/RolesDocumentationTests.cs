using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Http;

/// <summary>The roles table in docs/api.md says what the API does: each row is tried by each role, and only "no" is a 403.</summary>
public sealed class RolesDocumentationTests
{
    // Columns of the table and the person holding exactly that role; olga (oncall) is added for this test.
    private static readonly Dictionary<string, string> People = new(StringComparer.Ordinal)
    {
        ["viewer"] = "vic", ["marketer"] = "maya", ["approver"] = "omar", ["oncall"] = "olga", ["admin"] = "ada", ["no role"] = "nora",
    };

    // Unknown ids everywhere: roles are checked before anything is looked up, so an allowed request gets 404 or 422 and changes nothing.
    private static readonly Guid Nothing = Guid.Parse("00000000-0000-0000-0000-00000000dead");

    private static readonly (string Row, HttpMethod Method, string Path, string? Body)[] Probes =
    [
        ("read campaigns", HttpMethod.Get, "/api/campaigns", null),
        ("read campaigns", HttpMethod.Get, $"/api/campaigns/{Nothing}", null),
        ("read campaigns", HttpMethod.Get, $"/api/campaigns/{Nothing}/preview", null),
        ("read campaigns", HttpMethod.Get, $"/api/campaigns/{Nothing}/explain?customer=C000001", null),
        ("read campaigns", HttpMethod.Get, $"/api/campaigns/{Nothing}/audit", null),
        ("read campaigns", HttpMethod.Get, "/api/segments", null),
        ("read campaigns", HttpMethod.Get, "/api/segments/Loyalty%20members/insights", null),
        ("read campaigns", HttpMethod.Post, "/api/segments/insights", """{ "text": "lifetime_value > 500" }"""),
        ("read campaigns", HttpMethod.Get, "/api/destinations", null),
        ("read campaigns", HttpMethod.Get, $"/api/campaigns/{Nothing}/runs", null),
        ("read campaigns", HttpMethod.Get, "/api/runs/nothing", null),
        ("read campaigns", HttpMethod.Get, "/api/alerts", null),
        ("read campaigns", HttpMethod.Get, $"/api/alerts/{Nothing}", null),
        ("create, edit and delete campaigns", HttpMethod.Post, "/api/campaigns", "{}"),
        ("create, edit and delete campaigns", HttpMethod.Put, $"/api/campaigns/{Nothing}", "{}"),
        ("create, edit and delete campaigns", HttpMethod.Delete, $"/api/campaigns/{Nothing}", null),
        ("submit, pause, resume and cancel campaigns", HttpMethod.Post, $"/api/campaigns/{Nothing}/submit", null),
        ("submit, pause, resume and cancel campaigns", HttpMethod.Post, $"/api/campaigns/{Nothing}/pause", null),
        ("submit, pause, resume and cancel campaigns", HttpMethod.Post, $"/api/campaigns/{Nothing}/resume", null),
        ("submit, pause, resume and cancel campaigns", HttpMethod.Post, $"/api/campaigns/{Nothing}/cancel", null),
        ("create segments", HttpMethod.Post, "/api/segments", "{}"),
        ("read campaigns", HttpMethod.Get, "/api/seed-lists", null),
        ("read campaigns", HttpMethod.Get, "/api/seed-lists/nothing", null),
        ("create, edit and delete seed lists", HttpMethod.Post, "/api/seed-lists", "{}"),
        ("create, edit and delete seed lists", HttpMethod.Put, "/api/seed-lists/nothing", "{}"),
        ("create, edit and delete seed lists", HttpMethod.Delete, "/api/seed-lists/nothing", null),
        ("approve or reject", HttpMethod.Post, $"/api/campaigns/{Nothing}/approve", "{}"),
        ("approve or reject", HttpMethod.Post, $"/api/campaigns/{Nothing}/reject", """{ "comment": "Too broad." }"""),
        ("retry failed deliveries", HttpMethod.Post, "/api/runs/nothing/retry", null),
        ("retry failed deliveries", HttpMethod.Post, $"/api/alerts/{Nothing}/retry", null),
        ("retry failed deliveries", HttpMethod.Post, $"/api/alerts/{Nothing}/acknowledge", null),
        ("retry failed deliveries", HttpMethod.Post, $"/api/alerts/{Nothing}/mute", """{ "hours": 4 }"""),
        ("import customer data", HttpMethod.Post, "/api/customers/imports?table=nothing", "customer_id\nK1\n"),
        ("import customer data", HttpMethod.Get, $"/api/customers/imports/{Nothing}", null),
        ("send customer events", HttpMethod.Post, "/api/events", "{}"),
    ];

    [Fact]
    public async Task Every_role_may_do_exactly_what_the_roles_table_in_the_api_docs_says()
    {
        var table = RolesTable();
        Assert.Equal(table.Keys.Order(), Probes.Select(p => table.Keys.Single(row => row.StartsWith(p.Row, StringComparison.Ordinal))).Distinct().Order());
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Users:People:5:Id"] = "olga",
            ["Users:People:5:Name"] = "Olga On-call",
            ["Users:People:5:Roles:0"] = "oncall",
            ["ApiKeys:Keys:5:Key"] = CampaignBotFactory.KeyOf("olga"),
            ["ApiKeys:Keys:5:User"] = "olga",
        });

        var disagreements = new List<string>();
        foreach (var (role, person) in People)
        {
            using var client = host.Client(person);
            foreach (var probe in Probes)
            {
                var allowed = table[table.Keys.Single(row => row.StartsWith(probe.Row, StringComparison.Ordinal))][role];
                using var request = new HttpRequestMessage(probe.Method, probe.Path);
                if (probe.Body is not null)
                {
                    request.Content = new StringContent(probe.Body, Encoding.UTF8, "application/json");
                }

                if (probe.Method == HttpMethod.Put)
                {
                    request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
                }

                using var response = await client.SendAsync(request);
                var refused = response.StatusCode == HttpStatusCode.Forbidden;
                if (allowed == refused || (int)response.StatusCode >= 500)
                {
                    disagreements.Add($"{role}: {probe.Method} {probe.Path} answered {(int)response.StatusCode}; the table says {(allowed ? "yes" : "no")} to \"{probe.Row}…\"");
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static Dictionary<string, Dictionary<string, bool>> RolesTable()
    {
        var lines = File.ReadAllLines(ApiDoc());
        var header = Array.FindIndex(lines, l => l.StartsWith("| what | viewer |", StringComparison.Ordinal));
        Assert.True(header >= 0, "docs/api.md has no roles table starting \"| what | viewer |\".");
        var columns = Cells(lines[header]);
        Assert.Equal(["what", .. People.Keys], columns);
        return lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToDictionary(
            cells => cells[0],
            cells => columns.Skip(1).Select((role, i) => (role, yes: cells[i + 1] == "yes")).ToDictionary(c => c.role, c => c.yes, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private static string[] Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    private static string ApiDoc()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "docs", "api.md")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new FileNotFoundException("docs/api.md is not above the test folder."), "docs", "api.md");
    }
}
