using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.References;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Replies;

/// <summary>
/// Turns the core's answers to typed commands into Bot Connector calls. Teams has no message only one person sees in
/// a shared conversation, so what is private (refusals, forms) goes to the asker's personal chat with the bot, and only
/// when that chat cannot be reached is it answered in the thread; in the personal chat everything is answered in place.
/// </summary>
public sealed partial class TeamsReplies(TeamsChats chats, TeamsConversations references, TeamsForms forms, ILogger<TeamsReplies> logger)
{
    public const string FormSentPrivately = "I sent you the form in our personal chat, so only you see what you type.";
    public const string Busy = "CampaignBot is very busy right now; please try again in a minute.";

    public async Task SendAsync(ChatReply reply, TeamsOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (reply is ChatReply.Refuse or ChatReply.Open or ChatReply.Next)
        {
            await SendPrivatelyAsync(reply, origin, cancellationToken);
        }
        else if (PlainText.MessageOf(reply) is { } message)
        {
            await AnswerAsync(origin, TeamsChats.Card(message), cancellationToken);
        }
    }

    /// <summary>Any answer for the asker alone: in their personal chat (forms with a note left in the thread).</summary>
    public async Task SendPrivatelyAsync(ChatReply reply, TeamsOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (PlainText.FormOf(reply) is { } form)
        {
            forms.Shown(form);
            await PrivatelyAsync(origin, TeamsChats.Card(form, AdaptiveCardRenderer.Form(form)), FormSentPrivately, cancellationToken);
        }
        else if (PlainText.MessageOf(reply) is { } message)
        {
            await PrivatelyAsync(origin, TeamsChats.Card(message), note: null, cancellationToken);
        }
    }

    /// <summary>The first words in a conversation the bot was just added to: a new message, not a reply to anything.</summary>
    public async Task GreetAsync(ChatReply help, TeamsOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (help is ChatReply.Say { Message: var message })
        {
            var hello = message with { Blocks = [new Notice("Hello! CampaignBot is here now. This is what you can ask it.", Tone.Info), .. message.Blocks] };
            await chats.PostAsync(origin.ServiceUrl, origin.ConversationId, TeamsChats.Card(hello), cancellationToken);
        }
    }

    /// <summary>Said in place of queued work when the work queue is full.</summary>
    public Task BusyAsync(TeamsOrigin origin, CancellationToken cancellationToken) =>
        AnswerAsync(origin, TeamsChats.Card(ChatMessage.Plain(Busy)), cancellationToken);

    /// <summary>In the conversation the person wrote in: in a channel, in the thread of their message.</summary>
    private Task<SentActivity> AnswerAsync(TeamsOrigin origin, JsonObject activity, CancellationToken cancellationToken) =>
        origin.ActivityId is { } parent
            ? chats.ReplyAsync(origin.ServiceUrl, origin.ConversationId, origin.ConversationType, parent, activity, cancellationToken)
            : chats.PostAsync(origin.ServiceUrl, origin.ConversationId, activity, cancellationToken);

    /// <summary>In the personal chat; from a shared conversation, sent there with <paramref name="note"/> left in the thread.</summary>
    private async Task PrivatelyAsync(TeamsOrigin origin, JsonObject activity, string? note, CancellationToken cancellationToken)
    {
        if (origin.IsPersonal)
        {
            await AnswerAsync(origin, activity, cancellationToken);
            return;
        }

        try
        {
            if (references.Member(origin.PersonKey) is { } member && await chats.TellAsync(member, activity, cancellationToken))
            {
                if (note is not null)
                {
                    await AnswerAsync(origin, TeamsChats.Card(ChatMessage.Plain(note)), cancellationToken);
                }

                return;
            }
        }
        catch (BotConnectorException e)
        {
            // Blocked or never installed for the person (MessageWritesBlocked, 403): the thread still reaches them.
            LogPersonalChatFailed(origin.PersonKey, e.Code);
        }

        await AnswerAsync(origin, activity, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach Teams user {PersonKey} in their personal chat ({Code}); answering in the conversation instead")]
    private partial void LogPersonalChatFailed(string personKey, string code);
}
