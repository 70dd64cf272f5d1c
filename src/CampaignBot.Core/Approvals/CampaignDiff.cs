namespace CampaignBot.Core.Approvals;

/// <summary>One line that differs between two snapshots: added when <see cref="Before"/> is null, removed when <see cref="After"/> is.</summary>
public sealed record SnapshotChange(string Label, string? Before, string? After);

/// <summary>What changed since the last approved version, so a re-approval can be read in seconds.</summary>
public static class CampaignDiff
{
    public const string NoChanges = "No changes since the last approved version.";

    /// <summary>
    /// Changes in the after-snapshot's order; a removed line appears where it stood, next to its old neighbours,
    /// ahead of any lines added in the same place (so a rename reads "Removed … Added …").
    /// </summary>
    public static IReadOnlyList<SnapshotChange> Between(CampaignSnapshot before, CampaignSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeIndex = before.Lines.Select((line, i) => (line.Label, i)).ToDictionary(x => x.Label, x => x.i, StringComparer.Ordinal);
        var afterLabels = after.Lines.Select(l => l.Label).ToHashSet(StringComparer.Ordinal);
        var changes = new List<SnapshotChange>();
        var added = new List<SnapshotChange>();
        var next = 0;

        // Like a diff hunk: what was removed before this point, then what was added, then the line itself.
        void FlushUpTo(int end)
        {
            for (; next < end; next++)
            {
                var old = before.Lines[next];
                if (!afterLabels.Contains(old.Label))
                {
                    changes.Add(new SnapshotChange(old.Label, old.Value, null));
                }
            }

            changes.AddRange(added);
            added.Clear();
        }

        foreach (var line in after.Lines)
        {
            if (!beforeIndex.TryGetValue(line.Label, out var at))
            {
                added.Add(new SnapshotChange(line.Label, null, line.Value));
                continue;
            }

            FlushUpTo(at);
            next = Math.Max(next, at + 1);
            var old = before.Lines[at];
            if (!string.Equals(old.Value, line.Value, StringComparison.Ordinal))
            {
                changes.Add(new SnapshotChange(line.Label, old.Value, line.Value));
            }
        }

        FlushUpTo(before.Lines.Count);
        return changes;
    }

    /// <summary>One sentence per change, a line each: "Changed Schedule › Cadence: weekly → daily".</summary>
    public static string Describe(IReadOnlyList<SnapshotChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Count == 0 ? NoChanges : string.Join('\n', changes.Select(Sentence));
    }

    private static string Sentence(SnapshotChange change) => change switch
    {
        { Before: null } => $"Added {change.Label}: {change.After}",
        { After: null } => $"Removed {change.Label}: {change.Before}",
        _ => $"Changed {change.Label}: {change.Before} → {change.After}",
    };
}
