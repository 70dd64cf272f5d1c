using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations;

/// <summary>What the conversation core answers; each channel turns it into its own calls. A closed set.</summary>
public abstract record ChatReply
{
    private ChatReply()
    {
    }

    /// <summary>An answer for the person who asked; asked in a shared place (a mention in a channel), others may see it there.</summary>
    public sealed record Say(ChatMessage Message) : ChatReply;

    /// <summary>A refusal or an error: shown to the person who asked and nobody else, wherever they asked.</summary>
    public sealed record Refuse(ChatMessage Message) : ChatReply;

    /// <summary>Replaces the message the clicked button is on (everyone who sees it sees the new one).</summary>
    public sealed record Replace(ChatMessage Message) : ChatReply;

    /// <summary>Opens a form (a modal, a card with inputs, an HTML form) in front of the person.</summary>
    public sealed record Open(ChatForm Form) : ChatReply;

    /// <summary>A submitted form moves on to its next step.</summary>
    public sealed record Next(ChatForm Form) : ChatReply;

    /// <summary>A submitted form has mistakes; keyed by field id, shown beside each field.</summary>
    public sealed record FieldErrors(IReadOnlyDictionary<string, string> Errors) : ChatReply;

    /// <summary>A submitted form is done; <see cref="Message"/> (if any) goes to the person privately.</summary>
    public sealed record Close(ChatMessage? Message) : ChatReply;

    public static ChatReply Text(string text) => new Say(ChatMessage.Plain(text));
}
