using System.Globalization;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Wizard;

// Buttons inside the wizard's form. They change the session, never a campaign, and answer with the form's next
// look; only the person who started the wizard can press them, on the step the wizard is on.

/// <summary>Back: the previous step, with everything entered kept (this step's answers too, unchecked).</summary>
public sealed class WizardBackAction(WizardSessions sessions, WizardForms forms) : IChatFormAction
{
    public string ActionId => ChatActions.WizardBack;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, FormSubmission form, CancellationToken cancellationToken)
    {
        var actor = caller.Actor!;
        if (sessions.Find(WizardSession.IdOf(form.State), actor.Person.Id) is not { } session)
        {
            return Task.FromResult(WizardForm.Gone(caller));
        }

        if (session.FormState != form.State || session.Step.Stage == WizardStage.Basics)
        {
            return Task.FromResult<ChatReply>(new ChatReply.Next(forms.For(session, actor, note: WizardForm.Moved)));
        }

        var back = WizardSteps.Back(session, form);
        sessions.Save(back);
        return Task.FromResult<ChatReply>(new ChatReply.Next(forms.For(back, actor)));
    }
}

/// <summary>Remove on the review step: the sub-audience leaves the draft, and the review shows what is left.</summary>
public sealed class WizardRemoveAction(WizardSessions sessions, WizardForms forms) : IChatFormAction
{
    public string ActionId => ChatActions.WizardRemove;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, FormSubmission form, CancellationToken cancellationToken)
    {
        var actor = caller.Actor!;
        if (sessions.Find(WizardSession.IdOf(form.State), actor.Person.Id) is not { } session)
        {
            return Task.FromResult(WizardForm.Gone(caller));
        }

        var removed = session.FormState == form.State && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? WizardSteps.Remove(session, index)
            : null;
        if (removed is null)
        {
            return Task.FromResult<ChatReply>(new ChatReply.Next(forms.For(session, actor, note: WizardForm.Moved)));
        }

        sessions.Save(removed);
        return Task.FromResult<ChatReply>(new ChatReply.Next(forms.For(removed, actor)));
    }
}
