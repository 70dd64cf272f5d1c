using System.Globalization;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Approvals;

/// <summary>Writes a campaign out as labelled lines in reading order: what, who, where, when.</summary>
internal static class SnapshotLines
{
    public const string Separator = " › ";

    public static List<SnapshotLine> Of(
        CampaignDefinition campaign, IReadOnlyList<DestinationInstance> instances, IReadOnlyDictionary<string, string> segmentTexts)
    {
        var lines = new List<SnapshotLine> { new("Name", campaign.Name) };
        if (campaign.Description.Length > 0)
        {
            lines.Add(new("Description", campaign.Description));
        }

        lines.Add(new("Type", TypeText(campaign.Type)));
        if (campaign.Trigger is { } trigger)
        {
            lines.Add(new($"Trigger{Separator}Event", trigger.EventType));
            lines.Add(new($"Trigger{Separator}Filter", trigger.Filter?.ToString() ?? "every event of the type"));
        }

        lines.Add(new($"Audience{Separator}Include", string.Join(", ", campaign.Audience.IncludeSegments)));
        lines.Add(new($"Audience{Separator}Exclude", campaign.Audience.ExcludeSegments.Count == 0 ? "none" : string.Join(", ", campaign.Audience.ExcludeSegments)));
        foreach (var segment in SegmentsUsed(campaign))
        {
            lines.Add(new($"Segment{Separator}{segment}", SegmentText(segment, segmentTexts)));
        }

        var byName = instances.ToDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase);
        for (var s = 0; s < campaign.SubAudiences.Count; s++)
        {
            AddSubAudience(lines, campaign.SubAudiences[s], $"Sub-audience {s + 1} ({campaign.SubAudiences[s].Name})", byName);
        }

        AddSchedule(lines, campaign);
        PriorityLanguageSeedLines.Add(lines, campaign);
        return lines;
    }

    private static void AddSubAudience(List<SnapshotLine> lines, SubAudience subAudience, string label, Dictionary<string, DestinationInstance> instances)
    {
        lines.Add(new($"{label}{Separator}Segment", subAudience.Segment ?? "everyone else (catch-all)"));
        lines.Add(new($"{label}{Separator}Control", subAudience.ControlPercent.ToString()));
        foreach (var group in subAudience.Groups)
        {
            var groupLabel = $"{label}{Separator}Group '{group.Name}'";
            lines.Add(new($"{groupLabel}{Separator}Percent", group.Percent.ToString()));
            foreach (var assignment in group.Destinations)
            {
                var destinationLabel = $"{groupLabel}{Separator}Destination '{assignment.Destination}'";
                instances.TryGetValue(assignment.Destination, out var instance);
                lines.Add(new(destinationLabel, instance?.Descriptor.DisplayName ?? "not configured"));
                lines.Add(new($"{destinationLabel}{Separator}Attributes", AttributesText(assignment, instance)));
            }
        }
    }

    private static void AddSchedule(List<SnapshotLine> lines, CampaignDefinition campaign)
    {
        var schedule = campaign.Schedule;
        lines.Add(new($"Schedule{Separator}Time zone", schedule.TimeZone.Id));
        lines.Add(new($"Schedule{Separator}Launch", schedule.LaunchInstant is { } launch ? Iso(launch) : "as soon as approved"));
        lines.Add(new($"Schedule{Separator}Cadence", schedule.Cadence?.ToString().ToLowerInvariant() ?? (campaign.IsTriggered ? "on each event" : "runs once")));
        lines.Add(new($"Schedule{Separator}Expires", schedule.ExpiresAt is { } expires ? Iso(expires) : "never"));
        lines.Add(new($"Schedule{Separator}Quiet hours", schedule.QuietHours?.ToString() ?? "none"));
    }

    // Include and exclude segments first, then the sub-audiences' own; each once, as first written.
    private static IEnumerable<string> SegmentsUsed(CampaignDefinition campaign) =>
        campaign.Audience.IncludeSegments
            .Concat(campaign.Audience.ExcludeSegments)
            .Concat(campaign.SubAudiences.Select(s => s.Segment).OfType<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static string SegmentText(string segment, IReadOnlyDictionary<string, string> texts)
    {
        if (texts.TryGetValue(segment, out var text))
        {
            return text;
        }

        var match = texts.FirstOrDefault(t => string.Equals(t.Key, segment, StringComparison.OrdinalIgnoreCase));
        return match.Key is null ? "definition not found" : match.Value;
    }

    private static string AttributesText(DestinationAssignment assignment, DestinationInstance? instance)
    {
        if (instance is null)
        {
            return assignment.Attributes.Count == 0 ? "the destination's defaults" : SelectionText(assignment.Attributes);
        }

        var resolved = DestinationAssignmentRules.Resolve(assignment, instance);
        return resolved.Count == 0 ? "none" : SelectionText(resolved);
    }

    // "email, given_name (merged_customers)" when one table supplies all, else each attribute names its own.
    private static string SelectionText(IReadOnlyList<AttributeSelection> attributes)
    {
        var tables = attributes.Select(a => a.SourceTable).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return tables is [{ } table]
            ? $"{string.Join(", ", attributes.Select(a => a.Name))} ({table})"
            : string.Join(", ", attributes.Select(a => a.SourceTable is null ? a.Name : $"{a.Name} ({a.SourceTable})"));
    }

    private static string TypeText(CampaignType type) => type switch
    {
        CampaignType.OneTime => "one-time",
        CampaignType.Recurring => "recurring",
        CampaignType.Triggered => "triggered",
        _ => "multi-channel",
    };

    // UTC, so the text and the fingerprint do not depend on the offset the instant was written with.
    private static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
