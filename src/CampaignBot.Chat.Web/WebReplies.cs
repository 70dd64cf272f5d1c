using CampaignBot.Chat.Web.Rendering;
using CampaignBot.Chat.Web.Streams;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Web;

/// <summary>
/// Puts the conversation core's replies on the person's stream: answers and forms at the end of the conversation;
/// a replacement, a form's next step or its closing in place of the message it came from.
/// </summary>
public sealed class WebReplies(ChatStreams streams)
{
    /// <summary>Shown where a form was, once it closed without a message of its own.</summary>
    public static readonly ChatMessage FormClosed = new("Form closed", [new Footnote("Form closed.")]);

    /// <param name="origin">The element the reply answers (the message with the clicked button, the submitted form); null for typed text.</param>
    /// <param name="said">What the person typed, shown right before its answer (several answers are worked on at once).</param>
    /// <returns>Field errors, which the page shows beside the fields of the form it submitted; null for any other reply.</returns>
    public IReadOnlyDictionary<string, string>? Deliver(string personId, ChatReply reply, string? origin, (string Id, string Text)? said = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var items = new List<StreamItem>();
        if (said is var (saidId, text))
        {
            items.Add(new StreamItem(StreamItem.Append, saidId, "said", ChatHtml.Said(saidId, text), $"You said: {text}"));
        }

        IReadOnlyDictionary<string, string>? errors = null;
        switch (reply)
        {
            case ChatReply.Say say:
                items.Add(Message(streams.NewMessageId(), say.Message, StreamItem.Append));
                break;
            case ChatReply.Refuse refuse:
                items.Add(Message(streams.NewMessageId(), refuse.Message, StreamItem.Append));
                break;
            case ChatReply.Replace replace:
                items.Add(origin is null ? Message(streams.NewMessageId(), replace.Message, StreamItem.Append) : Message(origin, replace.Message, StreamItem.Replace));
                break;
            case ChatReply.Open open:
                items.Add(Form(streams.NewMessageId(), open.Form, StreamItem.Append));
                break;
            case ChatReply.Next next:
                items.Add(origin is null ? Form(streams.NewMessageId(), next.Form, StreamItem.Append) : Form(origin, next.Form, StreamItem.Replace));
                break;
            case ChatReply.Close close when origin is not null:
                items.Add(Message(origin, close.Message ?? FormClosed, StreamItem.Replace));
                break;
            case ChatReply.Close { Message: { } message }:
                items.Add(Message(streams.NewMessageId(), message, StreamItem.Append));
                break;
            case ChatReply.FieldErrors fieldErrors:
                errors = fieldErrors.Errors;
                break;
        }

        streams.For(personId).Add(items);
        return errors;
    }

    /// <summary>The form <paramref name="formId"/> replaced by <paramref name="message"/>: closed without submitting.</summary>
    public void Close(string personId, string formId, ChatMessage message) =>
        streams.For(personId).Add([Message(formId, message, StreamItem.Replace)]);

    private static StreamItem Message(string id, ChatMessage message, string op) => new(op, id, "message", ChatHtml.Message(id, message), message.Summary);

    private static StreamItem Form(string id, ChatForm form, string op) => new(op, id, "form", FormHtml.Form(id, form), form.Title);
}
