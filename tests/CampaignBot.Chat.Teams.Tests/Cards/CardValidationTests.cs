using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Cards;

namespace CampaignBot.Chat.Teams.Tests.Cards;

/// <summary>
/// Every sample card, written to files and checked by the adaptivecards library at the card's version (1.5, or 1.6 for
/// type-ahead) and by the official JSON schema of that version (teams-testing.md §3).
/// </summary>
public sealed class CardValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("teams-cards-").FullName;

    private sealed record Result(string File, string Version, IReadOnlyList<string> Library, IReadOnlyList<string> Schema);

    private async Task<IReadOnlyList<Result>> ValidateAsync(IEnumerable<(string Name, JsonObject Card)> cards)
    {
        var files = new List<string>();
        foreach (var (name, card) in cards)
        {
            var file = Path.Combine(_dir, name + ".json");
            await File.WriteAllTextAsync(file, card.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            files.Add(file);
        }

        var (exit, output, errors) = await NodeTools.RunAsync("validate-cards.js", files);
        Assert.True(exit == 0, $"validate-cards.js exited {exit}: {errors}");
        return JsonSerializer.Deserialize<List<Result>>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    [NodeToolFact]
    public async Task Every_sample_card_parses_with_adaptivecards_and_matches_the_schema_of_its_version()
    {
        var samples = SampleCards.All();

        var results = await ValidateAsync(samples);

        Assert.Equal(samples.Count, results.Count);
        var problems = results.Where(r => r.Library.Count > 0 || r.Schema.Count > 0)
            .Select(r => $"{Path.GetFileName(r.File)} ({r.Version}):\n  library: {string.Join("\n  ", r.Library)}\n  schema: {string.Join("\n  ", r.Schema)}");
        Assert.True(!problems.Any(), string.Join("\n", problems));
        Assert.Contains(results, r => r.Version == "1.6");
        Assert.Contains(results, r => r.Version == "1.5");
    }

    [NodeToolFact]
    public async Task The_validators_catch_what_teams_would_refuse()
    {
        var filteredAt15 = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.ChoiceSet","id":"a","style":"filtered","choices":[{"title":"x","value":"x"}]}]}
            """)!.AsObject();
        var duplicateIds = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"a"},{"type":"Input.Text","id":"a"}],"msteams":{"width":"Full"}}
            """)!.AsObject();
        var searchAt15 = AdaptiveCardRenderer.Message(SampleMessages.SegmentPickers());
        searchAt15["version"] = "1.5";

        var results = await ValidateAsync([("filtered-at-1.5", filteredAt15), ("duplicate-ids", duplicateIds), ("search-at-1.5", searchAt15)]);

        Assert.Contains(results[0].Schema, s => s.StartsWith("/body/0/style", StringComparison.Ordinal));
        Assert.Contains(results[1].Library, s => s.StartsWith("DuplicateId", StringComparison.Ordinal));
        Assert.Contains(results[1].Schema, s => s.Contains("(msteams)", StringComparison.Ordinal));
        Assert.Contains(results[2].Library, s => s.Contains("choices.data", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
