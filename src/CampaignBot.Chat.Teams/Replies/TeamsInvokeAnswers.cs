using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Replies;

/// <summary>The body of an invoke response, and what to send after it (an update of the card for everyone, a late answer).</summary>
public sealed record InvokeAnswer(JsonObject Body, Func<CancellationToken, Task>? FollowUp = null);

/// <summary>
/// Turns the core's answer to a card click or form submit into the invoke response (T4), which only the clicker sees:
/// a card replaces the card for them, a message type leaves it as it was. What everyone should see (a Replace) is
/// also sent as an update of the message; in a personal chat so is every form step, so it is still there after a reload.
/// </summary>
public sealed class TeamsInvokeAnswers(TeamsChats chats, TeamsForms forms, TeamsReplies replies)
{
    public const string InProgress = "Working on it: this takes longer than usual. The answer replaces this card when it is ready.";
    public const string InProgressShared = "Working on it: this takes longer than usual. The answer follows in our personal chat.";

    public InvokeAnswer For(ChatReply reply, TeamsOrigin origin, FormSubmission? submitted)
    {
        ArgumentNullException.ThrowIfNull(origin);
        switch (reply)
        {
            case ChatReply.Refuse refuse:
                // Said to the clicker alone; the card they clicked stays as it was.
                return new InvokeAnswer(TeamsInvokeResponse.Message(PlainText.Of(refuse.Message)));
            case ChatReply.Replace replace:
                return Card(AdaptiveCardRenderer.Message(replace.Message), replace.Message.Summary, origin, forEveryone: true);
            case ChatReply.FieldErrors errors when submitted is not null && forms.Find(submitted) is { } form:
                return new InvokeAnswer(TeamsInvokeResponse.Card(AdaptiveCardRenderer.Form(form, errors.Errors, submitted)));
            case ChatReply.FieldErrors errors:
                // The form is not remembered (a restart): an error keeps the card, and what was typed, as it was.
                return new InvokeAnswer(TeamsInvokeResponse.Error(400, "BadRequest", string.Join(" ", errors.Errors.Values)));
            case ChatReply.Say say:
                // An answer for the clicker (Details, "you approved"): the card everyone shares changes through notices.
                return new InvokeAnswer(TeamsInvokeResponse.Card(AdaptiveCardRenderer.Message(say.Message)));
            default:
                // Form steps and their result: kept in a personal chat, so a reload shows where the person is.
                var (card, summary) = CardOf(reply);
                return Card(card, summary, origin, forEveryone: origin.IsPersonal);
        }
    }

    /// <summary>
    /// For an answer that misses Teams' time limit: a card saying so, replaced with the answer when it comes (in a
    /// personal chat); in a shared conversation the card stays and the answer goes to the clicker's personal chat.
    /// </summary>
    public InvokeAnswer Later(Task<ChatReply> pending, TeamsOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.IsPersonal && origin.ReplyToId is { } cardId)
        {
            var waiting = ChatMessage.Plain(InProgress);
            return new InvokeAnswer(TeamsInvokeResponse.Card(AdaptiveCardRenderer.Message(waiting)), async cancellationToken =>
            {
                var (card, summary) = CardOf(await pending);
                await chats.UpdateAsync(origin.ServiceUrl, origin.ConversationId, cardId, OutboundActivity(card, summary), cancellationToken);
            });
        }

        return new InvokeAnswer(TeamsInvokeResponse.Message(InProgressShared), async cancellationToken =>
        {
            var reply = await pending;
            if (reply is ChatReply.Replace replace && origin.ReplyToId is { } replaced)
            {
                await chats.UpdateAsync(origin.ServiceUrl, origin.ConversationId, replaced, TeamsChats.Card(replace.Message), cancellationToken);
                return;
            }

            await replies.SendPrivatelyAsync(reply, origin, cancellationToken);
        });
    }

    private InvokeAnswer Card(JsonObject card, string summary, TeamsOrigin origin, bool forEveryone)
    {
        Func<CancellationToken, Task>? update = forEveryone && origin.ReplyToId is { } cardId
            ? cancellationToken => chats.UpdateAsync(origin.ServiceUrl, origin.ConversationId, cardId, OutboundActivity(card, summary), cancellationToken)
            : null;
        return new InvokeAnswer(TeamsInvokeResponse.Card(card), update);
    }

    /// <summary>The card an answer becomes; a refusal too, where it replaces a card that said "working on it".</summary>
    private (JsonObject Card, string Summary) CardOf(ChatReply reply)
    {
        if (PlainText.FormOf(reply) is { } form)
        {
            forms.Shown(form);
            return (AdaptiveCardRenderer.Form(form), form.Title);
        }

        var message = PlainText.MessageOf(reply) ?? ChatMessage.Plain("Done.");
        return (AdaptiveCardRenderer.Message(message), message.Summary);
    }

    private static JsonObject OutboundActivity(JsonObject card, string summary) => Connector.OutboundActivity.Card(card, summary);
}
