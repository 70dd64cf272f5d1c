using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;

namespace CampaignBot.Conversations.Wizard;

/// <summary>
/// Takes one wizard step's answers: folds them into the draft, checks them with the same validator the API
/// uses (only the problems about this step's fields), and moves on. The last step creates the draft.
/// </summary>
public sealed class WizardForm(
    WizardSessions sessions, WizardForms forms, WizardDrafts drafts, CampaignResolver resolver, CampaignService campaigns, TimeProvider clock) : IChatForm
{
    /// <summary>Said when a wizard is no longer there: a day without changes, or it already ended.</summary>
    public static string Expired(ChannelStyle style) => $"This wizard has expired (a day without changes, or it already finished). {style.Command("new")} starts again.";

    /// <summary>Shown when a form's answers were for a step the wizard has already left (a second click raced the first).</summary>
    internal const string Moved = "The wizard had moved on from the step you answered; this is where it is now, with everything entered so far.";

    public string FormId => WizardForms.FormId;

    public Task<ChatReply> SubmitAsync(ChatCaller caller, FormSubmission submission, CancellationToken cancellationToken)
    {
        var actor = caller.Actor!;
        var sessionId = WizardSession.IdOf(submission.State);
        if (sessions.Find(sessionId, actor.Person.Id) is not { } session)
        {
            return Task.FromResult(drafts.CreatedBy(sessionId) is { } created ? AlreadyCreated(created, caller) : Gone(caller));
        }

        if (session.FormState != submission.State)
        {
            return Task.FromResult<ChatReply>(new ChatReply.Next(forms.For(session, actor, note: Moved)));
        }

        var step = session.Step;
        if (step.Stage == WizardStage.Review)
        {
            return Task.FromResult(Create(session, caller));
        }

        var applied = WizardAnswers.Apply(session, submission);
        if (applied.Errors.Count > 0)
        {
            return Task.FromResult<ChatReply>(new ChatReply.FieldErrors(applied.Errors));
        }

        var errors = ProblemsForStep(applied.Session, submission);
        if (errors.Count > 0)
        {
            return Task.FromResult<ChatReply>(new ChatReply.FieldErrors(errors));
        }

        var next = WizardSteps.Advance(applied.Session);
        sessions.Save(next);
        return Task.FromResult<ChatReply>(new ChatReply.Next(forms.For(next, actor)));
    }

    internal static ChatReply Gone(ChatCaller caller) => new ChatReply.Close(ResultMessages.Refusal(Expired(caller.Style)));

    private ChatReply Create(WizardSession session, ChatCaller caller)
    {
        var actor = caller.Actor!;
        var (created, earlier) = drafts.CreateOnce(session.Id, () => campaigns.Create(session.Draft, actor));
        if (earlier is { } id)
        {
            return AlreadyCreated(id, caller);
        }

        if (created is ServiceResult<CampaignView>.Invalid invalid)
        {
            // Earlier steps are gone from the modal, so the problems are listed on the review step.
            var problems = invalid.Problems.Where(p => p.IsError).Select(p => $"{p.Path}: {p.Message}").ToList();
            return new ChatReply.Next(forms.For(session, actor, problems));
        }

        if (created is not ServiceResult<CampaignView>.Ok { Value: var campaign })
        {
            return new ChatReply.Close(ResultMessages.Failure(created!));
        }

        sessions.End(session.Id);
        return new ChatReply.Close(CampaignCard.For(campaign, preview: null, clock.GetUtcNow())
            .With(new Notice($"Draft {campaign.Name} created. Preview its counts, then submit it for approval.", Tone.Success)));
    }

    /// <summary>A repeated "Create draft" of a session that already created its draft: the same draft, not a second one.</summary>
    private ChatReply AlreadyCreated(Guid id, ChatCaller caller) =>
        campaigns.Get(id, caller.Actor!) is ServiceResult<CampaignView>.Ok { Value: var campaign } && campaign.AuthorId == caller.Actor!.Person.Id
            ? new ChatReply.Close(CampaignCard.For(campaign, preview: null, clock.GetUtcNow())
                .With(new Notice($"This wizard already created the draft {campaign.Name}; here it is. Nothing else was created.", Tone.Info)))
            : Gone(caller);

    /// <summary>The validator's errors about this step's fields, each placed on the field it is about.</summary>
    private Dictionary<string, string> ProblemsForStep(WizardSession session, FormSubmission submission)
    {
        var resolved = resolver.Resolve(CampaignId.New(), session.Draft, clock.GetUtcNow());
        var fields = submission.Values.Keys.Where(k => k.Contains('.', StringComparison.Ordinal) || k is "name" or "type").ToList();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var problem in resolved.Problems.Where(p => p.IsError))
        {
            var field = FieldFor(problem, fields) ?? CatchAllField(session.Step, problem, fields);
            if (field is not null)
            {
                errors[field] = errors.TryGetValue(field, out var earlier) ? $"{earlier} {problem.Message}" : problem.Message;
            }
        }

        return errors;
    }

    private static string? FieldFor(ValidationProblem problem, IEnumerable<string> fields) => fields
        .Where(f => problem.Path == f || problem.Path.StartsWith(f + ".", StringComparison.Ordinal) || problem.Path.StartsWith(f + "[", StringComparison.Ordinal))
        .OrderByDescending(f => f.Length)
        .FirstOrDefault();

    /// <summary>Problems about a whole sub-audience (percents not adding up) or schedule belong to the step that completes it.</summary>
    private static string? CatchAllField(WizardStep step, ValidationProblem problem, IReadOnlyList<string> fields)
    {
        var scope = step.Stage switch
        {
            WizardStage.Groups => $"subAudiences[{step.SubAudience}]",
            WizardStage.Schedule => "schedule",
            _ => null,
        };
        return scope is not null && problem.Path.StartsWith(scope, StringComparison.Ordinal) && !problem.Path.Contains(".attributes", StringComparison.Ordinal)
            ? fields.FirstOrDefault(f => f.EndsWith(".percent", StringComparison.Ordinal)) ?? fields.FirstOrDefault()
            : null;
    }
}
