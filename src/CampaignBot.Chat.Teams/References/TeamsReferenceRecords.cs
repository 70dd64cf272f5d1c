namespace CampaignBot.Chat.Teams.References;

/// <summary>
/// A conversation the bot was let into, as stored for proactive messages (T3): where its Bot Connector is, the tenant,
/// the bot's own account, and for a personal chat the person in it. Written only from authenticated activities.
/// </summary>
public sealed class TeamsConversationRecord
{
    /// <summary>The conversation id: a:… or 8:… for a personal chat, 19:…@thread.v2 for a group chat, 19:…@thread.tacv2 for a channel.</summary>
    public string Id { get; set; } = "";

    public string ServiceUrl { get; set; } = "";

    /// <summary>personal, groupChat or channel (T1); null when the activity did not say.</summary>
    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    /// <summary>The bot's account in this conversation ("28:&lt;appId&gt;" in Teams).</summary>
    public string BotId { get; set; } = "";

    public string? TeamId { get; set; }

    /// <summary>For a personal chat: the person's Teams id ("29:…") and Entra object id.</summary>
    public string? UserId { get; set; }

    public string? UserAadObjectId { get; set; }

    /// <summary>The hello was said here; it is said once per conversation.</summary>
    public bool Greeted { get; set; }

    /// <summary>The bot was removed from the conversation (uninstalled); proactive posts would be refused.</summary>
    public bool Removed { get; set; }

    public long UpdatedAtTicks { get; set; }

    public bool IsPersonal => ConversationType == "personal";
}

/// <summary>
/// A person the bot has heard from, by the key the user directory knows them by (the Entra object id, else the Teams
/// id): how to reach them privately and where to read their roster entry.
/// </summary>
public sealed class TeamsMemberRecord
{
    /// <summary>The Entra object id (Users:People:N:TeamsObjectIds), or the Teams id for someone without one.</summary>
    public string Id { get; set; } = "";

    /// <summary>The person's Teams id ("29:…"): what refresh.userIds, mentions and new 1:1 chats need.</summary>
    public string MemberId { get; set; } = "";

    public string? Name { get; set; }

    public string? TenantId { get; set; }

    public string ServiceUrl { get; set; } = "";

    public string BotId { get; set; } = "";

    /// <summary>The last conversation they wrote in, whose roster holds them (GET v3/conversations/{id}/members/{userId}).</summary>
    public string LastConversationId { get; set; } = "";

    /// <summary>Their personal chat with the bot, once known or created.</summary>
    public string? PersonalConversationId { get; set; }
}

/// <summary>
/// A card whose buttons only some people may use (<see cref="Conversations.Messages.ChatMessage.ActableBy"/>): the
/// view with buttons and the shared view, kept so a refresh invoke can answer each person with theirs.
/// </summary>
public sealed class TeamsCardViewRecord
{
    /// <summary>"{conversation id}|{activity id}".</summary>
    public string Id { get; set; } = "";

    public string FullCardJson { get; set; } = "{}";

    public string SharedCardJson { get; set; } = "{}";

    public List<string> ActableBy { get; set; } = [];
}
