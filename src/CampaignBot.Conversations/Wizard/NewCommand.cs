using CampaignBot.Conversations.Cards;
using CampaignBot.Core.People;

namespace CampaignBot.Conversations.Wizard;

/// <summary>"new": opens the wizard. Only marketers build campaigns, so others are told before they type anything.</summary>
public sealed class NewCommand(WizardSessions sessions, WizardForms forms) : IChatCommand
{
    public string Verb => "new";

    public string Usage => "new";

    public string Description => "build a campaign step by step: audience, sub-audiences, groups, destinations, attributes, schedule";

    public bool AnswersWithForm => true;

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var actor = caller.Actor!;
        if (!Permissions.Allows(actor.Person, Operation.CreateCampaigns))
        {
            return Task.FromResult<ChatReply>(new ChatReply.Refuse(ResultMessages.Refusal("Only marketers create campaigns; ask an admin for the marketer role.")));
        }

        var session = sessions.Start(actor.Person.Id, caller.Conversation);
        return Task.FromResult<ChatReply>(new ChatReply.Open(forms.For(session, actor)));
    }
}
