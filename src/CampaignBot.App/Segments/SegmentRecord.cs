namespace CampaignBot.App.Segments;

/// <summary>A named segment: its filter in the text syntax, which is what approvers read and fingerprints cover.</summary>
public sealed class SegmentRecord
{
    /// <summary>The name folded to lower case: segment names are unique regardless of case.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string Filter { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();
}
