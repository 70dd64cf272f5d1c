namespace CampaignBot.Conversations.Wizard;

/// <summary>
/// Where the wizard goes from a step: on (after its answers were checked), back (keeping everything entered), or,
/// on the review step, one sub-audience fewer. Pure.
/// </summary>
public static class WizardSteps
{
    /// <summary>The step after the current one, once its answers are in the draft and checked.</summary>
    public static WizardSession Advance(WizardSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var step = session.Step;
        return step.Stage switch
        {
            WizardStage.Basics => StartSubAudience(session, 0),
            WizardStage.SubAudience => session with { Step = step with { Stage = WizardStage.Groups } },

            // "No more after this one" is the answer for the whole list: sub-audiences left from an earlier pass go.
            WizardStage.Groups when !session.AnotherSubAudience => session with
            {
                Step = step with { Stage = WizardStage.Attributes },
                Draft = session.Draft with { SubAudiences = [.. (session.Draft.SubAudiences ?? []).Take(step.SubAudience + 1)] },
            },
            WizardStage.Groups => session with { Step = step with { Stage = WizardStage.Attributes } },
            WizardStage.Attributes when session.AnotherSubAudience => StartSubAudience(session, step.SubAudience + 1),
            WizardStage.Attributes => session with { Step = new WizardStep(WizardStage.Schedule) },
            _ => session with { Step = new WizardStep(WizardStage.Review) },
        };
    }

    /// <summary>The step before the current one. Nothing entered is lost: the current step's answers are kept unchecked.</summary>
    public static WizardSession Back(WizardSession session, Messages.FormSubmission answers)
    {
        ArgumentNullException.ThrowIfNull(session);
        var applied = WizardAnswers.Apply(session, answers).Session;
        var step = applied.Step;
        var subs = applied.Draft.SubAudiences ?? [];
        var previous = step.Stage switch
        {
            WizardStage.SubAudience when step.SubAudience == 0 => new WizardStep(WizardStage.Basics),
            WizardStage.SubAudience => new WizardStep(WizardStage.Attributes, step.SubAudience - 1),
            WizardStage.Groups => step with { Stage = WizardStage.SubAudience },
            WizardStage.Attributes => step with { Stage = WizardStage.Groups },
            WizardStage.Schedule => new WizardStep(WizardStage.Attributes, Math.Max(0, subs.Count - 1)),
            WizardStage.Review => new WizardStep(WizardStage.Schedule),
            _ => step,
        };

        var groups = previous.SubAudience < subs.Count ? subs[previous.SubAudience].Groups?.Count ?? 1 : 1;
        return applied with
        {
            Step = previous,
            GroupCount = previous.Stage == WizardStage.Groups ? Math.Clamp(groups, 1, WizardForms.MaxGroups) : applied.GroupCount,

            // Returning to a sub-audience that others follow, the answer to "another after this one?" is yes.
            AnotherSubAudience = previous.SubAudience < subs.Count - 1 || (previous.SubAudience == step.SubAudience && applied.AnotherSubAudience),
        };
    }

    /// <summary>The review step without sub-audience <paramref name="index"/>; the last one stays, since a campaign needs one.</summary>
    public static WizardSession? Remove(WizardSession session, int index)
    {
        ArgumentNullException.ThrowIfNull(session);
        var subs = session.Draft.SubAudiences ?? [];
        if (session.Step.Stage != WizardStage.Review || subs.Count < 2 || index < 0 || index >= subs.Count)
        {
            return null;
        }

        return session with { Draft = session.Draft with { SubAudiences = [.. subs.Where((_, i) => i != index)] } };
    }

    // Arriving at a sub-audience going forward, "another after this one?" starts as no unless later ones already exist.
    private static WizardSession StartSubAudience(WizardSession session, int index) => session with
    {
        Step = new WizardStep(WizardStage.SubAudience, index),
        AnotherSubAudience = index < (session.Draft.SubAudiences?.Count ?? 0) - 1,
    };
}
