using System.Text.RegularExpressions;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Text;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Triggers;

/// <summary>A triggered campaign needs a trigger; no other type may have one.</summary>
public static partial class TriggerRules
{
    public const int MaxEventType = 64;

    public static CampaignTrigger? Check(TriggerDraft? draft, CampaignType? type, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (type is null)
        {
            return null;
        }

        if (type != CampaignType.Triggered)
        {
            if (draft is not null && (!string.IsNullOrWhiteSpace(draft.Event) || !string.IsNullOrWhiteSpace(draft.Filter)))
            {
                problems.Error("trigger", "Only a triggered campaign has a trigger; remove it or make the campaign triggered.");
            }

            return null;
        }

        var eventType = ReadEventType(draft?.Event, problems);
        PropertyFilter? filter = null;
        var filterOk = true;
        if (!string.IsNullOrWhiteSpace(draft?.Filter))
        {
            filter = PropertyFilterText.Parse(draft.Filter, out var problem);
            if (problem is not null)
            {
                problems.Error("trigger.filter", problem);
                filterOk = false;
            }
        }

        return eventType is not null && filterOk ? new CampaignTrigger(eventType, filter) : null;
    }

    /// <summary>Event types are compared lower-case: "Order" and "order" are one type.</summary>
    public static bool IsEventType(string? text) => text is not null && text.Length <= MaxEventType && EventTypePattern().IsMatch(text);

    private static string? ReadEventType(string? text, ProblemList problems)
    {
        var type = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type))
        {
            problems.Error("trigger.event", "Name the event that triggers the campaign, such as order or signup.");
            return null;
        }

        if (!IsEventType(type))
        {
            problems.Error("trigger.event", PrintableText.Problem(type) is null && type.Length <= MaxEventType
                ? $"'{type}' is not an event type; use letters, digits, '.', '_' or '-', starting with a letter (order, cart.abandoned)."
                : $"The event type must be at most {MaxEventType} letters, digits, '.', '_' or '-', starting with a letter.");
            return null;
        }

        return type;
    }

    [GeneratedRegex("^[a-z][a-z0-9._-]*$")]
    private static partial Regex EventTypePattern();
}
