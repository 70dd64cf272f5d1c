using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Inbound;

/// <summary>
/// What a person did in a channel, in the channel's own ids, after the channel verified and parsed it: the one
/// shape every channel hands to <see cref="InboundPipeline"/>.
/// </summary>
/// <param name="Channel">The channel's name (<see cref="App.Users.ChatChannels"/>): also the key of the person's identities in the user directory.</param>
/// <param name="UserId">The channel's own id for the person (a member id, a directory object id, a web chat person id).</param>
/// <param name="Conversation">Where they wrote (a channel, a chat, a DM); empty where there is none (inside a form).</param>
/// <param name="DeliveryKey">
/// Names one delivery, so a redelivery of the same request is acted on and answered once (an event id, a click's
/// (user, action, time), an activity id); null for requests that cannot be delivered twice.
/// </param>
public sealed record InboundMessage(string Channel, string UserId, string Conversation, InboundContent Content, string? DeliveryKey = null)
{
    /// <summary>A second name for the same delivery (one post delivered both as a mention and as a message).</summary>
    public string? SecondDeliveryKey { get; init; }
}

/// <summary>The closed set of things a person can do: type, click, click inside a form, submit a form.</summary>
public abstract record InboundContent
{
    private InboundContent()
    {
    }

    /// <summary>Command text as typed after the channel's command word or mention, e.g. "show Spring sale".</summary>
    public sealed record Text(string Typed) : InboundContent;

    /// <summary>A button or menu in a message.</summary>
    public sealed record Click(string ActionId, string Value) : InboundContent;

    /// <summary>A button inside an open form, with the form's values as they stand.</summary>
    public sealed record FormClick(string ActionId, string Value, FormSubmission Form) : InboundContent;

    /// <summary>A form submitted.</summary>
    public sealed record Submit(FormSubmission Form) : InboundContent;
}

/// <summary>How the pipeline took an inbound message.</summary>
public enum InboundAcceptance
{
    /// <summary>Queued; its answer goes out through the channel's reply callback.</summary>
    Queued,

    /// <summary>The same delivery was seen within the replay window: acknowledged, not acted on again.</summary>
    Duplicate,

    /// <summary>The queue is full: the channel tells the person to try again instead of leaving them waiting.</summary>
    Busy,
}
