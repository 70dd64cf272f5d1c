using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.People;

namespace CampaignBot.App.Users;

/// <summary>Maps an identity from any channel (API key, Slack user, Teams AAD object, email) to a person and roles.</summary>
public sealed class UserDirectory
{
    private readonly Dictionary<string, Person> _byId;
    private readonly Dictionary<string, Person> _byEmail;

    // Per channel: the person behind each of the channel's user ids, and the id to reach each person by there.
    private readonly Dictionary<string, Dictionary<string, Person>> _byChannelUser;
    private readonly Dictionary<string, Dictionary<string, string>> _channelUserOf;

    // Keys are held as SHA-256 digests so a memory dump or a debugger view does not show them.
    private readonly Dictionary<string, Person> _byKeyDigest;

    public UserDirectory(UsersOptions users, ApiKeysOptions keys)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(keys);
        var people = users.People.Select(u => (Settings: u, Person: new Person(u.Id.Trim(), u.Name.Trim(), UsersValidation.ParseRoles(u.Roles), u.Email?.Trim()))).ToList();
        _byId = people.ToDictionary(p => p.Person.Id, p => p.Person, StringComparer.OrdinalIgnoreCase);
        var identities = new (string Channel, Func<UserSettings, List<string>> Ids, StringComparer Comparer)[]
        {
            (ChatChannels.Slack, u => u.SlackUserIds, StringComparer.Ordinal),
            (ChatChannels.Teams, u => u.TeamsObjectIds, StringComparer.OrdinalIgnoreCase),
        };
        _byChannelUser = identities.ToDictionary(c => c.Channel, c => Index(people, p => c.Ids(p.Settings), c.Comparer), StringComparer.Ordinal);
        _channelUserOf = identities.ToDictionary(
            c => c.Channel,
            c => people.Where(p => c.Ids(p.Settings).Count > 0).ToDictionary(p => p.Person.Id, p => c.Ids(p.Settings)[0].Trim(), StringComparer.OrdinalIgnoreCase),
            StringComparer.Ordinal);
        _byEmail = Index(people, p => p.Person.Email is { } e ? [e] : [], StringComparer.OrdinalIgnoreCase);
        _byKeyDigest = keys.Keys.ToDictionary(k => Digest(k.Key), k => _byId[k.User.Trim()], StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Person> People => _byId.Values;

    public Person? ById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The person a chat channel's user id belongs to (Slack "U…" in SlackUserIds, a Teams AAD object id in
    /// TeamsObjectIds); the web chat signs people in by their own id.
    /// </summary>
    public Person? ByChannelUser(string channel, string userId) =>
        channel == ChatChannels.Web ? ById(userId)
        : _byChannelUser.TryGetValue(channel, out var users) ? users.GetValueOrDefault(userId.Trim()) : null;

    /// <summary>The id that reaches the person on a chat channel, for direct messages and mentions; null when none is listed.</summary>
    public string? ChannelUserOf(string channel, string personId) =>
        channel == ChatChannels.Web ? ById(personId)?.Id
        : _channelUserOf.TryGetValue(channel, out var ids) ? ids.GetValueOrDefault(personId) : null;

    public Person? ByEmail(string email) => _byEmail.GetValueOrDefault(email.Trim());

    public Person? ByApiKey(string key) => _byKeyDigest.GetValueOrDefault(Digest(key));

    /// <summary>Everyone whose roles allow <paramref name="operation"/> (for deciding approvals: everyone but the author).</summary>
    public IEnumerable<Person> Allowed(Operation operation, string? authorId = null) => _byId.Values.Where(p => Permissions.Allows(p, operation, authorId));

    private static Dictionary<string, Person> Index(
        IEnumerable<(UserSettings Settings, Person Person)> people, Func<(UserSettings Settings, Person Person), IEnumerable<string>> identities, StringComparer comparer)
    {
        var index = new Dictionary<string, Person>(comparer);
        foreach (var entry in people)
        {
            foreach (var identity in identities(entry))
            {
                index[identity.Trim()] = entry.Person;
            }
        }

        return index;
    }

    private static string Digest(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));
}
