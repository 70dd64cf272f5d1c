using System.Net;
using System.Text;
using System.Text.Json;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Http;

/// <summary>Every /api body is read strictly: a field the request does not have is refused, never dropped.</summary>
public sealed class StrictBodyTests
{
    private const string Campaign = """
        {
          "name": "Winter welcome",
          "type": "one-time",
          "audience": { "include": ["Loyalty members"], "exclude": ["Email opt-outs"] },
          "subAudiences": [
            { "name": "Everyone", "catchAll": true, "controlPercent": 10,
              "groups": [ { "name": "Early access", "percent": 90, "destinations": [ { "destination": "outbox" } ] } ] }
          ],
          "schedule": { "launch": "asap", "timeZone": "America/Los_Angeles" }
        }
        """;

    [Fact]
    public async Task A_misspelt_exclude_is_refused_with_its_path_and_the_closest_field_and_nothing_is_saved()
    {
        await using var host = new LifecycleHost();
        var body = Campaign.Replace("\"exclude\"", "\"exlude\"", StringComparison.Ordinal);

        using var response = await host.Client("maya").PostAsync("/api/campaigns", Json(body));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("'audience.exlude' is not a field; did you mean 'exclude'?", problem.Detail());
        Assert.Equal(["'audience.exlude' is not a field; did you mean 'exclude'?"], problem.Errors()["audience.exlude"]);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Theory]
    [InlineData("\"timeZone\"", "\"time_zone\"", "schedule.time_zone", "'schedule.time_zone' is not a field; did you mean 'timeZone'?")]
    [InlineData("\"name\": \"Winter welcome\"", "\"nmae\": \"Winter welcome\"", "nmae", "'nmae' is not a field; did you mean 'name'?")]
    [InlineData("\"controlPercent\"", "\"controlPrecent\"", "subAudiences[0].controlPrecent", "'subAudiences[0].controlPrecent' is not a field; did you mean 'controlPercent'?")]
    [InlineData("\"destination\": \"outbox\"", "\"destination\": \"outbox\", \"attrs\": []", "subAudiences[0].groups[0].destinations[0].attrs", "'subAudiences[0].groups[0].destinations[0].attrs' is not a field; the fields here are 'destination', 'attributes'.")]
    [InlineData("\"launch\": \"asap\"", "\"launch\": \"asap\", \"quietHours\": { \"start\": \"21:00\", \"stop\": \"08:00\" }", "schedule.quietHours.stop", "'schedule.quietHours.stop' is not a field; the fields here are 'start', 'end'.")]
    public async Task An_unknown_field_anywhere_in_a_campaign_is_refused_by_its_path(string from, string to, string path, string message)
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostAsync("/api/campaigns", Json(Campaign.Replace(from, to, StringComparison.Ordinal)));

        Assert.Equal([message], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors()[path]);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Fact]
    public async Task An_unknown_field_in_an_edit_is_refused_and_the_campaign_is_unchanged()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var created = await maya.CreateAsync(TestDrafts.OneTime());
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/campaigns/{created.Id}")
        {
            Content = Json(Campaign.Replace("\"exclude\"", "\"exlude\"", StringComparison.Ordinal)),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{created.Version}\""));

        using var response = await maya.SendAsync(request);

        Assert.Contains("audience.exlude", (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Equal(created.Version, host.View(created.Id).Version);
    }

    [Theory]
    [InlineData("/api/segments", """{ "name": "Big spenders", "txt": "lifetime_value > 500" }""", "txt", "'txt' is not a field; did you mean 'text'?")]
    [InlineData("/api/segments/insights", """{ "filter": { "column": "state", "operator": "=", "value": ["WA"] } }""", "filter.value", "'filter.value' is not a field; did you mean 'values'?")]
    [InlineData("/api/segments", """{ "name": "Deep", "filter": { "allOf": [ { "not": { "colum": "state", "operator": "is empty" } } ] } }""", "filter.allOf[0].not.colum", "'filter.allOf[0].not.colum' is not a field; did you mean 'column'?")]
    [InlineData("/api/campaigns/{id}/approve", """{ "coment": "Fine." }""", "coment", "'coment' is not a field; did you mean 'comment'?")]
    [InlineData("/api/campaigns/{id}/reject", """{ "comment": "Too broad.", "reason": "x" }""", "reason", "'reason' is not a field; the fields here are 'comment'.")]
    [InlineData("/api/alerts/{id}/mute", """{ "hours": 4, "minutes": 30 }""", "minutes", "'minutes' is not a field; the fields here are 'hours'.")]
    public async Task Every_body_under_api_refuses_unknown_fields_by_path(string route, string body, string path, string message)
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var user = route.Contains("approve", StringComparison.Ordinal) || route.Contains("reject", StringComparison.Ordinal) ? "omar" : "maya";

        using var response = await host.Client(user).PostAsync(route.Replace("{id}", id.ToString(), StringComparison.Ordinal), Json(body));

        Assert.Equal([message], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors()[path]);
        Assert.Equal(10, (await (await host.Client("maya").GetAsync("/api/segments")).ReadAsync<List<JsonElement>>()).Count);
    }

    [Fact]
    public async Task A_field_given_twice_is_refused_rather_than_the_last_one_winning()
    {
        await using var host = new LifecycleHost();
        var body = Campaign.Replace("\"exclude\": [\"Email opt-outs\"]", "\"exclude\": [\"Email opt-outs\"], \"exclude\": []", StringComparison.Ordinal);

        using var response = await host.Client("maya").PostAsync("/api/campaigns", Json(body));

        Assert.Equal(["'audience.exclude' is given twice; give each field once."], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors()["audience.exclude"]);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Theory]
    [InlineData("\"controlPercent\": 10", "\"controlPercent\": \"ten\"", "subAudiences[0].controlPercent", "'subAudiences[0].controlPercent' must be a number of at most 28 digits.")]
    [InlineData("\"catchAll\": true", "\"catchAll\": \"yes\"", "subAudiences[0].catchAll", "'subAudiences[0].catchAll' must be true or false.")]
    [InlineData("\"include\": [\"Loyalty members\"]", "\"include\": \"Loyalty members\"", "audience.include", "'audience.include' must be a list ([…]).")]
    [InlineData("\"include\": [\"Loyalty members\"]", "\"include\": [42]", "audience.include[0]", "'audience.include[0]' must be text in quotes.")]
    [InlineData("\"schedule\": {", "\"schedule\": 7, \"x\": {", "schedule", "'schedule' must be an object ({…}).")]
    public async Task A_value_of_the_wrong_kind_is_named_by_path_in_the_requests_terms(string from, string to, string path, string message)
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostAsync("/api/campaigns", Json(Campaign.Replace(from, to, StringComparison.Ordinal)));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([message], problem.Errors()[path]);
        Assert.DoesNotContain("System.", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_refused_as_a_whole()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostAsync("/api/segments", Json("[1, 2]"));

        Assert.Equal(["The body must be an object ({…})."], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors()["$"]);
    }

    [Fact]
    public async Task Json_that_does_not_parse_is_refused_with_its_line_and_byte()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostAsync("/api/segments", Json("{\n  \"name\": \"x\",\n  \"text\": }"));

        var errors = (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.StartsWith("The body could not be read as JSON at line 3, byte 11: ", Assert.Single(errors["text"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_sent_to_a_request_that_takes_none_is_refused_and_nothing_happens()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        using var maya = host.Client("maya");

        using var refused = await maya.PostAsync($"/api/campaigns/{id}/submit", Json("""{ "comment": "Please look today." }"""));
        var status = host.View(id).Status;
        using var empty = await maya.PostAsync($"/api/campaigns/{id}/submit", Json("{}"));

        Assert.Equal(["'comment' is not a field; this request takes no body."], (await refused.ProblemAsync(HttpStatusCode.BadRequest)).Errors()["comment"]);
        Assert.Equal(CampaignStatus.Draft, status);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Theory]
    [InlineData("\"subAudiences\": [", "\"subAudiences\": [null, ", "subAudiences[0]")]
    [InlineData("\"groups\": [", "\"groups\": [null, ", "subAudiences[0].groups[0]")]
    [InlineData("\"destinations\": [", "\"destinations\": [null, ", "subAudiences[0].groups[0].destinations[0]")]
    [InlineData("{ \"destination\": \"outbox\" }", "{ \"destination\": \"outbox\", \"attributes\": [null] }", "subAudiences[0].groups[0].destinations[0].attributes[0]")]
    public async Task A_null_entry_in_a_list_is_a_validation_problem_at_its_path_not_a_500(string from, string to, string path)
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostAsync("/api/campaigns", Json(Campaign.Replace(from, to, StringComparison.Ordinal)));

        Assert.Contains(path, (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Fact]
    public async Task A_filter_value_holding_half_a_surrogate_pair_is_a_validation_problem_not_a_500()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostAsync("/api/segments/insights", Json("""{ "filter": { "column": "state", "operator": "=", "values": ["\udfff"] } }"""));

        Assert.Contains("filter.values[0]", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);
    }

    [Theory]
    [InlineData("application/json; charset=nonsense")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_body_declared_in_another_charset_than_utf8_gets_415(string contentType)
    {
        await using var host = new LifecycleHost();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Campaign));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await host.Client("maya").PostAsync("/api/campaigns", content);

        Assert.StartsWith("Send the body as JSON in UTF-8", (await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType)).Detail(), StringComparison.Ordinal);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
