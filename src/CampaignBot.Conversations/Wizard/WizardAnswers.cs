using System.Globalization;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Triggers;

namespace CampaignBot.Conversations.Wizard;

/// <summary>Folds one step's answers into the draft. Pure; <see cref="WizardSteps"/> decides where the wizard goes next.</summary>
public static class WizardAnswers
{
    public sealed record Applied(WizardSession Session, IReadOnlyDictionary<string, string> Errors);

    public static Applied Apply(WizardSession session, FormSubmission answers)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var draft = session.Draft;
        var index = session.Step.SubAudience;
        switch (session.Step.Stage)
        {
            case WizardStage.Basics:
                draft = draft with
                {
                    Name = answers.Text("name"),
                    Description = Optional(answers.Text("description")),
                    Type = Optional(answers.Text("type")),
                    Audience = new AudienceDraft { Include = [.. answers.All("audience.include")], Exclude = [.. answers.All("audience.exclude")] },
                };
                break;
            case WizardStage.SubAudience:
                var path = $"subAudiences[{index}]";
                var segment = answers.Text($"{path}.segment");
                var sub = SubAt(draft, index) with
                {
                    Name = answers.Text($"{path}.name"),
                    CatchAll = segment == WizardForms.CatchAll,
                    Segment = segment == WizardForms.CatchAll ? null : Optional(segment),
                    ControlPercent = Percent(answers, $"{path}.controlPercent", errors),
                };
                var count = int.TryParse(answers.Text(WizardForms.GroupCount), CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, WizardForms.MaxGroups) : 1;
                draft = WithSub(draft, index, sub);
                session = session with { GroupCount = count };
                break;
            case WizardStage.Groups:
                draft = WithSub(draft, index, SubAt(draft, index) with { Groups = Groups(SubAt(draft, index), index, session.GroupCount, answers, errors) });
                session = session with { AnotherSubAudience = answers.Text(WizardForms.Another) == "yes" };
                break;
            case WizardStage.Attributes:
                draft = WithSub(draft, index, SubAt(draft, index) with { Groups = WithAttributes(SubAt(draft, index), index, answers) });
                break;
            case WizardStage.Schedule:
                var quietStart = Optional(answers.Text("schedule.quietHours.start"));
                var quietEnd = Optional(answers.Text("schedule.quietHours.end"));
                draft = draft with
                {
                    Schedule = new ScheduleDraft
                    {
                        Launch = Optional(answers.Text("schedule.launch")),
                        TimeZone = Optional(answers.Text("schedule.timeZone")),
                        Cadence = Optional(answers.Text("schedule.cadence")),
                        ExpiresAt = Optional(answers.Text("schedule.expiresAt")),
                        QuietHours = quietStart is null && quietEnd is null ? null : new QuietHoursDraft { Start = quietStart, End = quietEnd },
                    },
                    Trigger = WizardForms.IsTriggered(draft)
                        ? new TriggerDraft { Event = Optional(answers.Text("trigger.event")), Filter = Optional(answers.Text("trigger.filter")) }
                        : null,
                };
                draft = PriorityLanguageSeedFields.Apply(draft, answers);
                break;
        }

        return new Applied(session with { Draft = draft }, errors);
    }

    private static List<RecipientGroupDraft> Groups(SubAudienceDraft sub, int index, int count, FormSubmission answers, Dictionary<string, string> errors)
    {
        var groups = new List<RecipientGroupDraft>();
        for (var j = 0; j < count; j++)
        {
            var path = $"subAudiences[{index}].groups[{j}]";
            var earlier = sub.Groups is { } existing && j < existing.Count ? existing[j] : new RecipientGroupDraft();
            var chosen = answers.All($"{path}.destinations");

            // Keep attributes already chosen for a destination that stays, so going round again loses nothing.
            var destinations = chosen.Select(name => earlier.Destinations?.FirstOrDefault(d => d.Destination == name) ?? new DestinationDraft { Destination = name }).ToList();
            groups.Add(new RecipientGroupDraft { Name = answers.Text($"{path}.name"), Percent = Percent(answers, $"{path}.percent", errors), Destinations = destinations });
        }

        return groups;
    }

    private static List<RecipientGroupDraft> WithAttributes(SubAudienceDraft sub, int index, FormSubmission answers) =>
        [.. (sub.Groups ?? []).Select((group, j) => group with
        {
            Destinations = [.. (group.Destinations ?? []).Select((destination, k) =>
            {
                var typed = answers.Text($"subAudiences[{index}].groups[{j}].destinations[{k}].attributes");
                var names = typed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return destination with { Attributes = names.Length == 0 ? null : [.. names.Select(n => new AttributeDraft { Name = n })] };
            })],
        })];

    private static decimal? Percent(FormSubmission answers, string field, Dictionary<string, string> errors)
    {
        var text = answers.Text(field).TrimEnd('%').Trim();
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = "Type a number between 0 and 100, such as 10 or 12.5.";
        return null;
    }

    private static SubAudienceDraft SubAt(CampaignDraft draft, int index) =>
        draft.SubAudiences is { } subs && index < subs.Count ? subs[index] : new SubAudienceDraft();

    private static CampaignDraft WithSub(CampaignDraft draft, int index, SubAudienceDraft sub)
    {
        var subs = (draft.SubAudiences ?? []).ToList();
        if (index < subs.Count)
        {
            subs[index] = sub;
        }
        else
        {
            subs.Add(sub);
        }

        return draft with { SubAudiences = subs };
    }

    private static string? Optional(string text) => text.Length == 0 ? null : text;
}
