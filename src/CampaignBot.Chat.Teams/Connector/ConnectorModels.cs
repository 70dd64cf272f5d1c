namespace CampaignBot.Chat.Teams.Connector;

/// <summary>What the connector answers for a send, reply or update: the activity id to keep for later updates (T3).</summary>
public sealed record SentActivity(string Id);

/// <summary>A conversation the bot created (proactive 1:1); store <see cref="Id"/> and reuse it (T3).</summary>
public sealed record CreatedConversation(string Id, string? ActivityId);

/// <summary>A roster entry (GET v3/conversations/{id}/members/{userId}); <see cref="Email"/> matches people to Users:People.</summary>
public sealed record TeamsMember(string Id, string? Name, string? AadObjectId, string? Email, string? UserPrincipalName, string? TenantId);

/// <summary>A proactive 1:1 chat with <see cref="MemberId"/> (a "29:…" id): the app must already be installed for them.</summary>
public sealed record NewPersonalConversation(string BotId, string MemberId, string TenantId);
