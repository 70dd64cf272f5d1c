using System.Net;
using CampaignBot.App.Segments;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Segments;

public sealed class SegmentsApiTests
{
    [Fact]
    public async Task The_demo_segments_are_listed_and_read_by_name_in_any_case()
    {
        await using var host = new LifecycleHost();
        using var vic = host.Client("vic");

        var all = await (await vic.GetAsync("/api/segments")).ReadAsync<List<SegmentView>>();
        var one = await (await vic.GetAsync("/api/segments/loyalty%20MEMBERS")).ReadAsync<SegmentView>();
        using var missing = await vic.GetAsync("/api/segments/nobody");

        Assert.Equal(10, all.Count);
        Assert.Equal("Loyalty members", one.Name);
        Assert.Equal("There is no segment called 'nobody'.", (await missing.ProblemAsync(HttpStatusCode.NotFound)).Detail());
    }

    [Fact]
    public async Task A_segment_is_created_from_text_and_reads_back_in_the_text_syntax()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostJsonAsync("/api/segments", new { name = "Big spenders", text = "lifetime_value > 500" });

        var created = await response.ReadAsync<SegmentView>(HttpStatusCode.Created);
        Assert.Equal("/api/segments/Big%20spenders", response.Headers.Location!.OriginalString);
        Assert.Equal(("lifetime_value > 500", "maya"), (created.Filter, created.CreatedBy));
    }

    [Fact]
    public async Task A_segment_name_takes_emoji_sequences_but_not_control_or_direction_characters()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");

        var created = await (await maya.PostJsonAsync("/api/segments", new { name = "Devs 👩‍💻 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿 fans", text = "lifetime_value > 500" })).ReadAsync<SegmentView>(HttpStatusCode.Created);
        using var overridden = await maya.PostJsonAsync("/api/segments", new { name = "Big\u202Espenders", text = "lifetime_value > 500" });
        using var tabbed = await maya.PostJsonAsync("/api/segments", new { name = "Big\tspenders", text = "lifetime_value > 500" });

        Assert.Equal("Devs 👩‍💻 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿 fans", created.Name);
        Assert.Equal(["The name contains a text-direction override (U+202E); remove it."], (await overridden.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors()["name"]);
        Assert.Equal(["The name contains a tab, line break or other control character (U+0009); remove it."], (await tabbed.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors()["name"]);
    }

    [Fact]
    public async Task Thirty_two_levels_are_accepted_as_text_and_as_a_tree_and_thirty_three_are_refused()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        static string Parenthesized(int levels) => new string('(', levels) + "state = WA" + new string(')', levels);
        static object Nots(int count)
        {
            object node = new { column = "state", @operator = "=", values = new object[] { "WA" } };
            for (var i = 0; i < count; i++)
            {
                node = new { not = node };
            }

            return node;
        }

        using var text32 = await maya.PostJsonAsync("/api/segments", new { name = "Text 32", text = Parenthesized(32) });
        using var text33 = await maya.PostJsonAsync("/api/segments", new { name = "Text 33", text = Parenthesized(33) });
        using var tree32 = await maya.PostJsonAsync("/api/segments", new { name = "Tree 32", filter = Nots(32) });
        using var tree33 = await maya.PostJsonAsync("/api/segments", new { name = "Tree 33", filter = Nots(33) });
        using var stored = await maya.GetAsync("/api/segments/Tree%2032/insights");

        Assert.Equal(HttpStatusCode.Created, text32.StatusCode);
        Assert.Equal(
            ["At character 33: The filter nests more than 32 levels deep at position 33 (each '(' and each 'not' is a level); simplify it."],
            (await text33.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors()["text"]);
        Assert.Equal(HttpStatusCode.Created, tree32.StatusCode);
        Assert.Equal(
            ["The filter nests more than 32 levels deep (each 'not' and each group inside another counts, as the parentheses of the text syntax do); simplify it."],
            (await tree33.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors()["filter" + string.Concat(Enumerable.Repeat(".not", 33))]);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }

    [Fact]
    public async Task A_segment_is_created_from_a_filter_tree_with_the_same_meaning_as_its_text()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var tree = new
        {
            name = "West coast big spenders",
            filter = new
            {
                allOf = new object[]
                {
                    new { column = "lifetime_value", @operator = ">", values = new object[] { 500 } },
                    new { anyOf = new object[] { new { column = "state", @operator = "in", values = new object[] { "WA", "OR" } } } },
                    new { not = new { column = "email", @operator = "is empty" } },
                },
            },
        };

        var created = await (await maya.PostJsonAsync("/api/segments", tree)).ReadAsync<SegmentView>(HttpStatusCode.Created);
        var fromTree = await (await maya.GetAsync("/api/segments/West%20coast%20big%20spenders/insights")).ReadAsync<SegmentInsightsView>();
        var fromText = await (await maya.PostJsonAsync("/api/segments/insights", new { text = created.Filter })).ReadAsync<SegmentInsightsView>();

        Assert.Contains("lifetime_value > 500", created.Filter, StringComparison.Ordinal);
        Assert.True(fromTree.Insights.Customers > 0);
        Assert.Equal(fromTree.Insights, fromText.Insights with { ByLifecycleStatus = fromTree.Insights.ByLifecycleStatus });
        Assert.Equal(fromTree.Insights.ByLifecycleStatus, fromText.Insights.ByLifecycleStatus);
        Assert.Equal(1000, fromTree.Insights.AllCustomers);
    }

    [Fact]
    public async Task A_bad_tree_gets_422_with_a_path_to_each_bad_node()
    {
        await using var host = new LifecycleHost();
        var tree = new
        {
            name = "Broken",
            filter = new
            {
                allOf = new object[]
                {
                    new { column = "shoe_size", @operator = ">", values = new object[] { 9 } },
                    new { column = "lifetime_value", @operator = "roughly", values = new object[] { 5 } },
                    new { not = new { } },
                },
            },
        };

        using var response = await host.Client("maya").PostJsonAsync("/api/segments", tree);

        var errors = (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors();
        Assert.Equal(["filter.allOf[1].operator", "filter.allOf[2].not"], errors.Keys.Order());
        var stored = await (await host.Client("maya").GetAsync("/api/segments")).ReadAsync<List<SegmentView>>();
        Assert.DoesNotContain(stored, s => s.Name == "Broken");
    }

    [Fact]
    public async Task An_unknown_column_is_named_at_its_path()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostJsonAsync("/api/segments",
            new { name = "Feet", filter = new { allOf = new object[] { new { column = "shoe_size", @operator = ">", values = new object[] { 9 } } } } });

        Assert.Contains("filter.allOf[0].column", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"text\":\"lifetime_value >\"}", "text")]
    [InlineData("{\"name\":\"x\"}", "text")]
    [InlineData("{\"name\":\"\",\"text\":\"lifetime_value > 5\"}", "name")]
    [InlineData("{\"name\":\"x\",\"text\":\"lifetime_value > 5\",\"filter\":{\"column\":\"state\",\"operator\":\"=\",\"values\":[\"WA\"]}}", "text")]
    public async Task Bad_segments_get_422_naming_the_field(string body, string path)
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostAsync("/api/segments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains(path, (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);
    }

    [Fact]
    public async Task A_taken_name_is_409_and_a_viewer_cannot_create()
    {
        await using var host = new LifecycleHost();

        using var taken = await host.Client("maya").PostJsonAsync("/api/segments", new { name = "loyalty members", text = "lifetime_value > 5" });
        using var viewer = await host.Client("vic").PostJsonAsync("/api/segments", new { name = "Mine", text = "lifetime_value > 5" });

        Assert.Equal("A segment called 'Loyalty members' already exists; choose another name.", (await taken.ProblemAsync(HttpStatusCode.Conflict)).Detail());
        await viewer.ProblemAsync(HttpStatusCode.Forbidden);
    }
}
