using System.Text.Json;
using CampaignBot.App.Application;
using CampaignBot.App.SeedLists;
using CampaignBot.App.Segments;
using CampaignBot.App.Triggers;
using CampaignBot.Core.Approvals;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// Validates a draft completely — the pure Core rules, then everything that needs the service's state: stored
/// segments, configured destinations with a working connector, attributes the customer tables hold. The
/// cross-campaign rules (the global holdout, each delivery's frequency cap) come with it, so previews, explanations
/// and runs apply the same ones.
/// </summary>
public sealed class CampaignResolver(
    SegmentStore segments, IReadOnlyList<DestinationInstance> destinations, IConnectorFactory connectors, IOptions<HoldoutOptions> holdout,
    IOptions<FrequencyCapsOptions> frequencyCaps, IOptions<TriggerOptions> triggers, SeedListStore seedLists)
{
    private readonly FrequencyCaps _caps = frequencyCaps.Value.Caps();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Validates <paramref name="draft"/> as of <paramref name="asOf"/>: a stored campaign re-resolves as of the instant it was saved.</summary>
    public Validated<ResolvedCampaign> Resolve(CampaignId id, CampaignDraft draft, DateTimeOffset asOf)
    {
        var validated = new CampaignValidator(new StoppedClock(asOf)).Validate(draft);
        var problems = new ProblemList();
        problems.AddRange(validated.Problems);
        if (validated.Value is not { } validDefinition)
        {
            ReportUnknownNames(draft, problems);
            SeedDeliveries.ReportUnknown(draft, seedLists, problems);
            return Validated<ResolvedCampaign>.From(problems, () => null!);
        }

        var definition = TriggerPasses.WithPasses(validDefinition, triggers.Value.PollInterval);

        problems.AddRange(DestinationAssignmentRules.Check(definition, destinations));
        var segmentTexts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var include = BindAll(definition.Audience.IncludeSegments, "audience.include", segmentTexts, problems);
        var exclude = BindAll(definition.Audience.ExcludeSegments, "audience.exclude", segmentTexts, problems);
        var subAudiences = definition.SubAudiences
            .Select((s, i) => s.Segment is null ? null : Bind(s.Segment, $"subAudiences[{i}].segment", segmentTexts, problems))
            .ToList();
        var deliveries = SeedDeliveries.Attach(definition, ResolveDeliveries(definition, problems), seedLists, problems);
        return Validated<ResolvedCampaign>.From(problems, () => new ResolvedCampaign
        {
            Id = id,
            Definition = definition,
            Include = include,
            Exclude = exclude,
            SubAudienceFilters = subAudiences,
            Plan = SplitPlan.From(definition),
            Deliveries = deliveries,
            Snapshot = CampaignSnapshot.Of(definition, destinations, segmentTexts),
            Warnings = problems.Items.Where(p => !p.IsError).ToList(),
            Holdout = GlobalHoldout.From(holdout.Value),
        });
    }

    public Validated<ResolvedCampaign> Resolve(CampaignRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Resolve(record.Id, ReadDraft(record.DraftJson), record.ValidatedAt);
    }

    public static CampaignDraft ReadDraft(string json) => JsonSerializer.Deserialize<CampaignDraft>(json, Json) ?? new CampaignDraft();

    public static string WriteDraft(CampaignDraft draft) => JsonSerializer.Serialize(draft, Json);

    // When the draft's shape is wrong, unknown segment and destination names are still reported, so every mistake comes back at once.
    private void ReportUnknownNames(CampaignDraft draft, ProblemList problems)
    {
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Segment(string? name, string path)
        {
            if (!string.IsNullOrWhiteSpace(name) && segments.Find(name) is null)
            {
                Bind(name, path, texts, problems);
            }
        }

        foreach (var (name, i) in (draft.Audience?.Include ?? []).Select((n, i) => (n, i)))
        {
            Segment(name, $"audience.include[{i}]");
        }

        foreach (var (name, i) in (draft.Audience?.Exclude ?? []).Select((n, i) => (n, i)))
        {
            Segment(name, $"audience.exclude[{i}]");
        }

        var subAudiences = draft.SubAudiences ?? [];
        for (var s = 0; s < subAudiences.Count; s++)
        {
            Segment(subAudiences[s]?.Segment, $"subAudiences[{s}].segment");
            var groups = subAudiences[s]?.Groups ?? [];
            for (var g = 0; g < groups.Count; g++)
            {
                var assignments = groups[g]?.Destinations ?? [];
                for (var d = 0; d < assignments.Count; d++)
                {
                    var name = assignments[d]?.Destination;
                    if (!string.IsNullOrWhiteSpace(name) && !destinations.Any(i => string.Equals(i.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
                    {
                        problems.Error($"subAudiences[{s}].groups[{g}].destinations[{d}].destination",
                            $"There is no destination called '{name}'; choose one of {string.Join(", ", destinations.Select(i => i.Name))}.");
                    }
                }
            }
        }
    }

    private List<BoundFilter> BindAll(IReadOnlyList<string> names, string path, Dictionary<string, string> texts, ProblemList problems) =>
        names.Select((name, i) => Bind(name, $"{path}[{i}]", texts, problems)).OfType<BoundFilter>().ToList();

    private BoundFilter? Bind(string name, string path, Dictionary<string, string> texts, ProblemList problems)
    {
        if (segments.Find(name) is not { } segment)
        {
            var known = segments.List().Select(s => s.Name).Take(12).ToList();
            problems.Error(path, known.Count == 0
                ? $"There is no segment called '{name}'; create it first."
                : $"There is no segment called '{name}'; choose one of {string.Join(", ", known)}.");
            return null;
        }

        texts[segment.Name] = segment.Filter;
        var bound = SegmentStore.Bind(segment, path);
        problems.AddRange(bound.Errors);
        return bound.Value;
    }

    private List<ResolvedDelivery> ResolveDeliveries(CampaignDefinition definition, ProblemList problems)
    {
        var deliveries = new List<ResolvedDelivery>();
        for (var s = 0; s < definition.SubAudiences.Count; s++)
        {
            var subAudience = definition.SubAudiences[s];
            for (var g = 0; g < subAudience.Groups.Count; g++)
            {
                var group = subAudience.Groups[g];
                for (var d = 0; d < group.Destinations.Count; d++)
                {
                    var assignment = group.Destinations[d];
                    var path = $"subAudiences[{s}].groups[{g}].destinations[{d}]";
                    var instance = destinations.FirstOrDefault(i => string.Equals(i.Name, assignment.Destination, StringComparison.OrdinalIgnoreCase));
                    if (instance is null)
                    {
                        continue; // DestinationAssignmentRules has reported it.
                    }

                    if (!connectors.Supports(instance.Kind))
                    {
                        problems.Error($"{path}.destination", $"{instance.Descriptor.DisplayName} delivery is not available yet; choose a file or folder destination.");
                        continue;
                    }

                    var selections = DestinationAssignmentRules.Resolve(assignment, instance);
                    LanguageAttribute.Check(definition, selections, path, problems);
                    var columns = AudienceBuilder.ResolveAttributes(LanguageAttribute.Columns(selections), out var missing);
                    foreach (var message in missing)
                    {
                        problems.Error($"{path}.attributes", message);
                    }

                    if (missing.Count > 0)
                    {
                        continue;
                    }

                    var attributes = selections.Select(a => a.Name).ToList();
                    if (attributes.Contains("phone", StringComparer.OrdinalIgnoreCase))
                    {
                        columns = [.. columns, new AttributeColumn(CustomerSchema.MergedCustomers, CustomerSchema.MergedCustomers.Find("country")!)];
                    }

                    deliveries.Add(new ResolvedDelivery
                    {
                        Slot = new GroupSlot(s, g), SubAudienceName = subAudience.Name, GroupName = group.Name, Instance = instance, Attributes = attributes, Columns = columns,
                        Cap = _caps.For(SendChannel.Of(instance.Kind)),
                        Language = definition.Language,
                        LanguagePositions = LanguageAttribute.Positions(selections),
                    });
                }
            }
        }

        return deliveries;
    }
}
