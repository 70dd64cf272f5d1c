using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Approvals;

/// <summary>One fact an approver sees: a unique, human-readable path and its value.</summary>
public sealed record SnapshotLine(string Label, string Value);

/// <summary>
/// The exact resolved campaign an approver sees, as ordered lines: segment filters and destination defaults
/// are written out, so editing either changes the snapshot even when the campaign itself did not change.
/// Stored with each approval request; <see cref="Fingerprint"/> tells whether a campaign is still the approved one.
/// </summary>
public sealed record CampaignSnapshot(IReadOnlyList<SnapshotLine> Lines)
{
    public IReadOnlyList<SnapshotLine> Lines { get; } = UniqueLabels(Lines);

    /// <summary>Lower-case hex SHA-256 of the lines, each label and value length-prefixed so no two line lists share an encoding.</summary>
    public string Fingerprint { get; } = FingerprintOf(Lines);

    public static CampaignSnapshot Of(
        CampaignDefinition campaign, IReadOnlyList<DestinationInstance> instances, IReadOnlyDictionary<string, string> segmentTexts)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(segmentTexts);
        return new CampaignSnapshot(SnapshotLines.Of(campaign, instances, segmentTexts));
    }

    public string? ValueOf(string label) => Lines.FirstOrDefault(l => l.Label == label)?.Value;

    // Records compare lists by reference; two snapshots are equal when their lines are.
    public bool Equals(CampaignSnapshot? other) => other is not null && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Fingerprint);

    private static IReadOnlyList<SnapshotLine> UniqueLabels(IReadOnlyList<SnapshotLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!seen.Add(line.Label))
            {
                throw new ArgumentException($"The label '{line.Label}' appears twice; a diff needs every label once.", nameof(lines));
            }
        }

        return lines.ToArray();
    }

    private static string FingerprintOf(IReadOnlyList<SnapshotLine> lines)
    {
        // Versioned so a future change to the encoding cannot be mistaken for a changed campaign.
        var text = new StringBuilder("campaign-snapshot/1\n");
        foreach (var line in lines)
        {
            text.Append(line.Label.Length).Append(':').Append(line.Label)
                .Append(line.Value.Length).Append(':').Append(line.Value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
