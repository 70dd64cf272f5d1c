using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Activities;

/// <summary>A user or the bot: <see cref="Id"/> is "29:…" for people and "28:&lt;appId&gt;" for the bot (T1).</summary>
public sealed record TeamsAccount(string Id, string? Name = null, string? AadObjectId = null);

/// <summary>Where an activity happened; <see cref="ConversationType"/> is personal, groupChat or channel.</summary>
public sealed record TeamsConversation(string Id, string? ConversationType = null, string? TenantId = null, bool IsGroup = false, string? Name = null);

/// <summary>The Teams parts of channelData: what proactive posts to a channel and event routing need.</summary>
public sealed record TeamsChannelData(string? TenantId = null, string? TeamId = null, string? ChannelId = null, string? EventType = null);

/// <summary>The fields every activity has; also what a conversation reference for proactive messages is made from.</summary>
public sealed record TeamsEnvelope
{
    public required string Type { get; init; }

    /// <summary>Channel-assigned; Teams resends after ~15 s, so it is the dedupe key (T1).</summary>
    public required string Id { get; init; }

    /// <summary>"msteams" (or "emulator"): the key that signed the token must be endorsed for it.</summary>
    public required string ChannelId { get; init; }

    /// <summary>Where replies go; trusted only once the activity is authenticated.</summary>
    public required string ServiceUrl { get; init; }

    public required TeamsAccount From { get; init; }

    /// <summary>The bot.</summary>
    public required TeamsAccount Recipient { get; init; }

    public required TeamsConversation Conversation { get; init; }

    /// <summary>For a card action: the id of the message the card is on (T1, T4).</summary>
    public string? ReplyToId { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? Locale { get; init; }

    public TeamsChannelData ChannelData { get; init; } = new();
}

/// <summary>
/// An inbound Bot Framework activity, already checked for the fields the bot relies on. A closed set of kinds; an
/// activity of another type or invoke name is <see cref="TeamsOtherActivity"/>, acknowledged and ignored (A2014).
/// </summary>
public abstract record TeamsActivity
{
    private protected TeamsActivity()
    {
    }

    public required TeamsEnvelope Envelope { get; init; }

    public string Type => Envelope.Type;

    public string Id => Envelope.Id;

    public string ChannelId => Envelope.ChannelId;

    public string ServiceUrl => Envelope.ServiceUrl;

    public TeamsAccount From => Envelope.From;

    public TeamsAccount Recipient => Envelope.Recipient;

    public TeamsConversation Conversation => Envelope.Conversation;

    public string? ReplyToId => Envelope.ReplyToId;

    /// <summary>The tenant, from the conversation or else channelData.</summary>
    public string? TenantId => Envelope.Conversation.TenantId ?? Envelope.ChannelData.TenantId;
}

/// <summary>Chat text (the bot's @mention and Teams' HTML removed, entities decoded once) or an Action.Submit click.</summary>
public sealed record TeamsMessage : TeamsActivity
{
    /// <summary>What the person typed, as plain text.</summary>
    public required string Text { get; init; }

    /// <summary>The text as received.</summary>
    public string RawText { get; init; } = "";

    public bool MentionsBot { get; init; }

    /// <summary>An Action.Submit's data (cards we send use Action.Execute, so this is rare).</summary>
    public JsonObject? Value { get; init; }
}

/// <summary>Members joined or left; the bot itself joining means it was installed here (T1).</summary>
public sealed record TeamsConversationUpdate : TeamsActivity
{
    public IReadOnlyList<TeamsAccount> MembersAdded { get; init; } = [];

    public IReadOnlyList<TeamsAccount> MembersRemoved { get; init; } = [];

    public bool BotAdded => MembersAdded.Any(m => m.Id == Recipient.Id);

    public bool BotRemoved => MembersRemoved.Any(m => m.Id == Recipient.Id);
}

/// <summary>The app was installed ("add", "add-upgrade") or removed ("remove", "remove-upgrade").</summary>
public sealed record TeamsInstallationUpdate : TeamsActivity
{
    public required string Action { get; init; }

    public bool Added => Action.StartsWith("add", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// An <c>adaptiveCard/action</c> invoke from an Action.Execute (a button, a form submit or a refresh): answered in the
/// HTTP response with <see cref="TeamsInvokeResponse"/>. Input values are merged into <see cref="Data"/> by Teams.
/// </summary>
public sealed record TeamsCardAction : TeamsActivity
{
    public required string Verb { get; init; }

    public required JsonObject Data { get; init; }

    /// <summary>"manual" for a click, "automatic" for a refresh Teams ran by itself.</summary>
    public string Trigger { get; init; } = "manual";

    /// <summary>The value of the button clicked or the option picked (see CardActionData); null when there is none.</summary>
    public string? Value { get; init; }

    /// <summary>The form submitted, when the action is a form's submit button.</summary>
    public FormSubmission? Form { get; init; }

    public bool IsRefresh => Trigger == "automatic";
}

/// <summary>An <c>application/search</c> invoke: type-ahead over a long list (<c>Data.Query</c> in a card).</summary>
public sealed record TeamsSearchQuery : TeamsActivity
{
    public required string Dataset { get; init; }

    public required string QueryText { get; init; }

    public int Skip { get; init; }

    public int Top { get; init; } = 15;
}

/// <summary>Any other type or invoke name: accepted and ignored, as the spec asks of unknown types (A2014).</summary>
public sealed record TeamsOtherActivity : TeamsActivity
{
    /// <summary>The invoke or event name, if any.</summary>
    public string? Name { get; init; }
}
