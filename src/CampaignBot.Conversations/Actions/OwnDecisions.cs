using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Approvals;

namespace CampaignBot.Conversations.Actions;

/// <summary>
/// A person's own decision already on a campaign's approval, so clicking Approve or Reject again is answered with
/// what they did and when, never with a second, contradicting reply.
/// </summary>
internal static class OwnDecisions
{
    public static DecisionView? Of(CampaignView campaign, Actor actor, ApprovalVerdict verdict) =>
        campaign.Approval?.Decisions.FirstOrDefault(d =>
            string.Equals(d.PersonId, actor.Person.Id, StringComparison.Ordinal) && d.Verdict == verdict.ToString());

    public static ChatMessage Repeated(CampaignView campaign, DecisionView decision, string done)
    {
        var text = $"Already {done} by you at {decision.At:yyyy-MM-dd HH:mm} UTC; {campaign.Name} is {campaign.StatusText}.";
        return new ChatMessage(text, [new Notice(text, Tone.Info)]);
    }
}
