using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignBot.Core.Campaigns;

/// <summary>Identifies a campaign for life; it also keys the sticky split, so it never changes.</summary>
[JsonConverter(typeof(CampaignIdJsonConverter))]
public readonly record struct CampaignId(Guid Value) : IParsable<CampaignId>
{
    public static CampaignId New() => new(Guid.NewGuid());

    public static bool TryParse([NotNullWhen(true)] string? text, out CampaignId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new CampaignId(guid);
        return ok;
    }

    // Minimal API route and query binding look for this overload.
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CampaignId result) => TryParse(s, out result);

    public static CampaignId Parse(string s, IFormatProvider? provider) =>
        TryParse(s, out var id) ? id : throw new FormatException($"'{s}' is not a campaign id.");

    /// <summary>Lower-case "D" form: the exact text hashed by the splitter in .NET and in SQL.</summary>
    public override string ToString() => Value.ToString("D");
}

/// <summary>Writes a campaign id as the bare GUID string it always was in the API, not as an object.</summary>
public sealed class CampaignIdJsonConverter : JsonConverter<CampaignId>
{
    public override CampaignId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, CampaignId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
