using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.People;

namespace CampaignBot.App.Users;

/// <summary>Maps an identity from any channel (API key, Slack user, Teams AAD object, email) to a person and roles.</summary>
public sealed class UserDirectory
{
    private readonly Dictionary<string, Person> _byId;
    private readonly Dictionary<string, Person> _bySlack;
    private readonly Dictionary<string, Person> _byTeams;
    private readonly Dictionary<string, Person> _byEmail;
    private readonly Dictionary<string, string> _slackUserOf;

    // Keys are held as SHA-256 digests so a memory dump or a debugger view does not show them.
    private readonly Dictionary<string, Person> _byKeyDigest;

    public UserDirectory(UsersOptions users, ApiKeysOptions keys)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(keys);
        var people = users.People.Select(u => (Settings: u, Person: new Person(u.Id.Trim(), u.Name.Trim(), UsersValidation.ParseRoles(u.Roles), u.Email?.Trim()))).ToList();
        _byId = people.ToDictionary(p => p.Person.Id, p => p.Person, StringComparer.OrdinalIgnoreCase);
        _bySlack = Index(people, p => p.Settings.SlackUserIds, StringComparer.Ordinal);
        _byTeams = Index(people, p => p.Settings.TeamsObjectIds, StringComparer.OrdinalIgnoreCase);
        _slackUserOf = people.Where(p => p.Settings.SlackUserIds.Count > 0)
            .ToDictionary(p => p.Person.Id, p => p.Settings.SlackUserIds[0].Trim(), StringComparer.OrdinalIgnoreCase);
        _byEmail = Index(people, p => p.Person.Email is { } e ? [e] : [], StringComparer.OrdinalIgnoreCase);
        _byKeyDigest = keys.Keys.ToDictionary(k => Digest(k.Key), k => _byId[k.User.Trim()], StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Person> People => _byId.Values;

    public Person? ById(string id) => _byId.GetValueOrDefault(id);

    public Person? BySlackUser(string slackUserId) => _bySlack.GetValueOrDefault(slackUserId);

    public Person? ByTeamsObject(string aadObjectId) => _byTeams.GetValueOrDefault(aadObjectId);

    /// <summary>The person's Slack user id, for direct messages; null when they have none listed.</summary>
    public string? SlackUserOf(string personId) => _slackUserOf.GetValueOrDefault(personId);

    public Person? ByEmail(string email) => _byEmail.GetValueOrDefault(email.Trim());

    public Person? ByApiKey(string key) => _byKeyDigest.GetValueOrDefault(Digest(key));

    public IEnumerable<Person> Holding(Role role) => _byId.Values.Where(p => p.Holds(role));

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
