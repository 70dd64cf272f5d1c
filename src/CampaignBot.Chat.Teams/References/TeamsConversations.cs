using System.Collections.Concurrent;
using CampaignBot.App.Storage;
using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.Connector;
using LiteDB;

namespace CampaignBot.Chat.Teams.References;

/// <summary>
/// The conversation references the bot needs for proactive messages (T3: store them from every inbound activity,
/// especially the install), and the people it has heard from, in the LiteDB file. Only authenticated activities are
/// remembered, so every stored serviceUrl was vouched for by a valid token; they are trusted again after a restart.
/// </summary>
public sealed class TeamsConversations(AppDatabase database, TrustedServiceUrls trusted, TimeProvider clock)
{
    /// <summary>What each record looked like when last written, so a busy chat does not write the file on every message.</summary>
    private readonly ConcurrentDictionary<string, string> _written = new(StringComparer.Ordinal);

    private ILiteCollection<TeamsConversationRecord> Conversations => database.Collection<TeamsConversationRecord>("teams_conversations");

    private ILiteCollection<TeamsMemberRecord> Members => database.Collection<TeamsMemberRecord>("teams_members");

    /// <summary>The key the user directory knows a Teams user by: the Entra object id, else the Teams id.</summary>
    public static string PersonKey(TeamsAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.AadObjectId is { Length: > 0 } aad ? aad : user.Id;
    }

    /// <summary>A conversation id without the thread part Teams adds in channels ("19:…@thread.tacv2;messageid=…").</summary>
    public static string BaseId(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }

    /// <summary>Stores the reference and the person of an authenticated activity, when either changed.</summary>
    public void Remember(TeamsActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = BaseId(activity.Conversation.Id);
        var personal = activity.Conversation.ConversationType == "personal";
        var fromUser = !string.Equals(activity.From.Id, activity.Recipient.Id, StringComparison.Ordinal);
        var conversation = new TeamsConversationRecord
        {
            Id = conversationId,
            ServiceUrl = activity.ServiceUrl,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = activity.TenantId,
            BotId = activity.Recipient.Id,
            TeamId = activity.Envelope.ChannelData.TeamId,
            UserId = personal && fromUser ? activity.From.Id : null,
            UserAadObjectId = personal && fromUser ? activity.From.AadObjectId : null,
        };
        WriteIfChanged($"c|{conversation.Id}", Fingerprint(conversation), () =>
        {
            var existing = Conversations.FindById(conversation.Id);
            conversation.Greeted = existing?.Greeted ?? false;
            conversation.UpdatedAtTicks = clock.GetUtcNow().UtcTicks;
            Conversations.Upsert(conversation);
        });

        if (!fromUser)
        {
            return;
        }

        var member = new TeamsMemberRecord
        {
            Id = PersonKey(activity.From),
            MemberId = activity.From.Id,
            Name = activity.From.Name,
            TenantId = activity.TenantId,
            ServiceUrl = activity.ServiceUrl,
            BotId = activity.Recipient.Id,
            LastConversationId = conversationId,
            PersonalConversationId = personal ? conversationId : null,
        };
        WriteIfChanged($"m|{member.Id}", Fingerprint(member), () =>
        {
            // A message in a team keeps the personal chat already known.
            member.PersonalConversationId ??= Members.FindById(member.Id)?.PersonalConversationId;
            Members.Upsert(member);
        });
    }

    /// <summary>True the first time it is asked for this conversation: the bot says hello once.</summary>
    public bool Greet(string conversationId) => database.Write(() =>
    {
        if (Conversations.FindById(BaseId(conversationId)) is not { Greeted: false } record)
        {
            return false;
        }

        record.Greeted = true;
        Conversations.Update(record);
        return true;
    });

    /// <summary>The bot was uninstalled here: proactive posts stop until it is added again.</summary>
    public void MarkRemoved(string conversationId)
    {
        database.Write(() =>
        {
            if (Conversations.FindById(BaseId(conversationId)) is { } record)
            {
                record.Removed = true;
                Conversations.Update(record);
            }
        });
        _written.TryRemove($"c|{BaseId(conversationId)}", out _);
    }

    /// <summary>The stored reference of a conversation (a channel's thread is found by its channel); null when the bot never saw it.</summary>
    public TeamsConversationRecord? Find(string conversationId) =>
        Conversations.FindById(BaseId(conversationId)) is { Removed: false } record ? record : null;

    /// <summary>
    /// The reference to post to a room with: its own, or else that of the tenant's latest shared conversation. Teams
    /// announces a team install only in the team's General channel, yet every channel of the team (and every chat of
    /// the tenant) is reached through the same Bot Connector.
    /// </summary>
    public TeamsConversationRecord? ForRoom(string conversationId, string? tenantId)
    {
        if (Find(conversationId) is { } own)
        {
            return own;
        }

        var shared = Conversations.Find(c => !c.Removed && c.ConversationType != "personal")
            .Where(c => string.IsNullOrEmpty(tenantId) || string.Equals(c.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(c => c.UpdatedAtTicks)
            .FirstOrDefault();
        return shared is null ? null : new TeamsConversationRecord
        {
            Id = BaseId(conversationId),
            ServiceUrl = shared.ServiceUrl,
            TenantId = shared.TenantId,
            BotId = shared.BotId,
            TeamId = shared.TeamId,
        };
    }

    /// <summary>A person by <see cref="PersonKey"/>, or null when they never wrote to the bot.</summary>
    public TeamsMemberRecord? Member(string personKey) => Members.FindById(personKey);

    /// <summary>The 1:1 chat the bot created with a person (T3: create it once and store its id).</summary>
    public void RememberPersonalChat(TeamsMemberRecord member, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(member);
        database.Write(() =>
        {
            member.PersonalConversationId = conversationId;
            Members.Upsert(member);
            Conversations.Upsert(new TeamsConversationRecord
            {
                Id = conversationId,
                ServiceUrl = member.ServiceUrl,
                ConversationType = "personal",
                TenantId = member.TenantId,
                BotId = member.BotId,
                UserId = member.MemberId,
                UserAadObjectId = member.Id == member.MemberId ? null : member.Id,
                UpdatedAtTicks = clock.GetUtcNow().UtcTicks,
            });
        });
        _written.TryRemove($"m|{member.Id}", out _);
    }

    /// <summary>Trusts the serviceUrls of stored references again: they came from authenticated activities before a restart.</summary>
    public int TrustStoredServiceUrls()
    {
        var urls = Conversations.FindAll().Select(c => c.ServiceUrl).Concat(Members.FindAll().Select(m => m.ServiceUrl)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return urls.Count(trusted.Trust);
    }

    private void WriteIfChanged(string key, string fingerprint, Action write)
    {
        if (_written.TryGetValue(key, out var last) && last == fingerprint)
        {
            return;
        }

        database.Write(write);
        _written[key] = fingerprint;
    }

    private static string Fingerprint(TeamsConversationRecord c) =>
        string.Join('\u001f', c.ServiceUrl, c.ConversationType, c.TenantId, c.BotId, c.TeamId, c.UserId, c.UserAadObjectId);

    private static string Fingerprint(TeamsMemberRecord m) =>
        string.Join('\u001f', m.MemberId, m.Name, m.TenantId, m.ServiceUrl, m.BotId, m.LastConversationId, m.PersonalConversationId);
}
