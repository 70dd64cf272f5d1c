using CampaignBot.App.Users;
using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.References;
using CampaignBot.Chat.Teams.Replies;
using CampaignBot.Conversations.Inbound;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Chat.Teams.Endpoints;

/// <summary>
/// What the bot does with each authenticated activity: remember where it came from, hand messages to the pipeline
/// (acknowledged at once, answered through the connector after), say hello once where it is installed, and answer
/// card actions and type-ahead in the response itself.
/// </summary>
public sealed class TeamsActivities(InboundPipeline pipeline, TeamsConversations references, TeamsReplies replies, TeamsInvokes invokes)
{
    /// <summary>Teams resends an activity it thinks was lost (~15 s); ids are unique within a conversation (T1).</summary>
    public static string DeliveryKey(TeamsActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return $"teams|{TeamsConversations.BaseId(activity.Conversation.Id)}|{activity.Id}";
    }

    public static InboundMessage Inbound(TeamsActivity activity, InboundContent content) =>
        new(ChatChannels.Teams, TeamsConversations.PersonKey(activity.From), activity.Conversation.Id, content, DeliveryKey(activity));

    public async Task<IResult> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity is TeamsOtherActivity)
        {
            // Unknown types are acknowledged and ignored (A2014); they teach us nothing to keep.
            return TypedResults.Ok();
        }

        references.Remember(activity);
        var origin = TeamsOrigin.Of(activity);
        switch (activity)
        {
            case TeamsMessage { Text.Length: > 0 } message:
                var accepted = pipeline.Accept(Inbound(message, new InboundContent.Text(message.Text)), (reply, ct) => replies.SendAsync(reply, origin, ct));
                if (accepted == InboundAcceptance.Busy)
                {
                    await replies.BusyAsync(origin, cancellationToken);
                }

                return TypedResults.Ok();
            case TeamsConversationUpdate update when update.BotRemoved:
                references.MarkRemoved(update.Conversation.Id);
                return TypedResults.Ok();
            case TeamsInstallationUpdate { Added: false } removed:
                references.MarkRemoved(removed.Conversation.Id);
                return TypedResults.Ok();
            case TeamsConversationUpdate { BotAdded: true }:
            case TeamsInstallationUpdate { Added: true }:
                Greet(activity, origin);
                return TypedResults.Ok();
            case TeamsCardAction action:
                return TypedResults.Json(await invokes.AnswerAsync(action, origin, cancellationToken));
            case TeamsSearchQuery query:
                return TypedResults.Json(await invokes.SearchAsync(query, cancellationToken));
            default:
                // A message with no text (an old Action.Submit card's data), members joining: nothing to answer.
                return TypedResults.Ok();
        }
    }

    /// <summary>The help, once per conversation, as a new message (Teams sends both an install and a members-added event).</summary>
    private void Greet(TeamsActivity activity, TeamsOrigin origin)
    {
        if (references.Greet(activity.Conversation.Id))
        {
            pipeline.Accept(Inbound(activity, new InboundContent.Text("help")), (reply, ct) => replies.GreetAsync(reply, origin, ct));
        }
    }
}
