using CampaignBot.Core.Scheduling;
using CampaignBot.Core.Triggers;
using CampaignBot.Core.Seeds;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

/// <summary>
/// Turns what a user wrote into a <see cref="CampaignDefinition"/>, reporting every problem at once with its
/// path. Rules that need a destination catalog or segment store are checked by the services that own them.
/// </summary>
public sealed class CampaignValidator(TimeProvider clock)
{
    public const int MaxDescription = 2000;

    public Validated<CampaignDefinition> Validate(CampaignDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new ProblemList();
        var name = NameRules.Require(draft.Name, "name", "the campaign", NameRules.MaxCampaignName, problems);
        var description = draft.Description?.Trim() ?? "";
        if (description.Length > MaxDescription)
        {
            problems.Error("description", $"The description is {description.Length} characters long; keep it to {MaxDescription} or fewer.");
        }

        var type = ReadType(draft.Type, problems);
        var audience = AudienceRules.Check(draft.Audience, problems);
        var subAudiences = SubAudienceRules.Check(draft.SubAudiences, audience, problems);
        var schedule = ScheduleRules.Check(draft.Schedule, type, clock.GetUtcNow(), problems);
        var trigger = TriggerRules.Check(draft.Trigger, type, problems);
        var attributionDays = AttributionRules.Check(draft.AttributionDays, problems);
        var priority = CampaignPriorityRules.Check(draft.Priority, problems);
        var language = CampaignLanguage.Check(draft.Language, problems);
        var seedLists = SeedListRules.Check(draft.SeedLists, subAudiences, problems);
        if (type == CampaignType.MultiChannel && subAudiences is not null)
        {
            WarnWhenSingleChannel(subAudiences, problems);
        }

        return Validated<CampaignDefinition>.From(problems, () => new CampaignDefinition
        {
            Name = name!,
            Description = description,
            Type = type!.Value,
            Audience = audience!,
            SubAudiences = subAudiences!,
            Schedule = schedule!,
            Trigger = trigger,
            AttributionDays = attributionDays,
            Priority = priority!.Value,
            Language = language,
            SeedLists = seedLists,
        });
    }

    private static CampaignType? ReadType(string? text, ProblemList problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Error("type", "Choose a campaign type: one-time, recurring, multi-channel or triggered.");
            return null;
        }

        CampaignType? type = NameRules.Keyword(text) switch
        {
            "onetime" or "once" => CampaignType.OneTime,
            "recurring" => CampaignType.Recurring,
            "multichannel" => CampaignType.MultiChannel,
            "triggered" or "eventtriggered" => CampaignType.Triggered,
            _ => null,
        };
        if (type is null)
        {
            problems.Error("type", $"'{text.Trim()}' is not a campaign type; choose one-time, recurring, multi-channel or triggered.");
        }

        return type;
    }

    private static void WarnWhenSingleChannel(IReadOnlyList<SubAudience> subAudiences, ProblemList problems)
    {
        var destinations = subAudiences
            .SelectMany(s => s.Groups)
            .SelectMany(g => g.Destinations)
            .Select(d => d.Destination)
            .Distinct(NameRules.Comparer)
            .Count();
        if (destinations < 2)
        {
            problems.Warning("type", "This multi-channel campaign sends to a single destination; add another channel or make it one-time or recurring.");
        }
    }
}
