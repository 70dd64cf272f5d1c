using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignBot.Delivery.Export;

/// <summary>
/// Written after the data files, so a downstream reader that sees the manifest knows every file it
/// names is complete and can check each one's SHA-256.
/// </summary>
public sealed record ExportManifest
{
    public required string Campaign { get; init; }

    public required string CampaignId { get; init; }

    public required string Group { get; init; }

    public required string Destination { get; init; }

    public required string RunId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<ExportFile> Files { get; init; }

    public long Rows => Files.Sum(f => f.Rows);

    /// <summary>Customers left out, by reason ("NoValidPhone": 1204).</summary>
    public required IReadOnlyDictionary<string, long> Dropped { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        var temporary = path + ".partial";
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static async Task<ExportManifest?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ExportManifest>(file, Json, cancellationToken).ConfigureAwait(false);
    }
}
