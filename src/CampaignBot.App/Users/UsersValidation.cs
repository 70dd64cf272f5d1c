using CampaignBot.Core.People;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Users;

/// <summary>Refuses to start with a user directory that would let the wrong person in or confuse two people.</summary>
public sealed class UsersValidation(IOptions<ApiKeysOptions> apiKeys) : IValidateOptions<UsersOptions>
{
    public const int MinimumKeyLength = 24;

    public ValidateOptionsResult Validate(string? name, UsersOptions options)
    {
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.People.Count; i++)
        {
            var user = options.People[i];
            var at = $"Users:People:{i}";
            if (string.IsNullOrWhiteSpace(user.Id))
            {
                failures.Add($"{at}:Id is required.");
            }
            else if (!ids.Add(user.Id.Trim()))
            {
                failures.Add($"{at}:Id '{user.Id}' is used by two people.");
            }

            if (string.IsNullOrWhiteSpace(user.Name))
            {
                failures.Add($"{at}:Name is required.");
            }

            failures.AddRange(user.Roles.Where(r => !TryRole(r, out _)).Select(r => $"{at}:Roles has '{r}'; use viewer, marketer, approver, oncall or admin."));
        }

        failures.AddRange(Duplicates(options.People.SelectMany(u => u.SlackUserIds.Select(s => (s, u.Id)))).Select(d => $"Slack user {d.Identity} belongs to more than one person."));
        failures.AddRange(Duplicates(options.People.SelectMany(u => u.TeamsObjectIds.Select(t => (t, u.Id)))).Select(d => $"Teams object id {d.Identity} belongs to more than one person."));
        // Named by the people's ids, not the address: a failed start is logged, and an email address never is.
        failures.AddRange(Duplicates(options.People.Where(u => !string.IsNullOrWhiteSpace(u.Email)).Select(u => (u.Email!, u.Id)))
            .Select(d => $"Users:People {string.Join(" and ", d.Owners)} have the same Email; an address belongs to one person."));

        var keys = apiKeys.Value.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Key.Trim().Length < MinimumKeyLength)
            {
                failures.Add($"ApiKeys:Keys:{i}:Key is shorter than {MinimumKeyLength} characters; generate a long random key.");
            }

            if (!ids.Contains(keys[i].User.Trim()))
            {
                failures.Add($"ApiKeys:Keys:{i}:User '{keys[i].User}' is not in Users:People.");
            }
        }

        if (keys.Select(k => k.Key.Trim()).Distinct(StringComparer.Ordinal).Count() < keys.Count)
        {
            failures.Add("ApiKeys:Keys holds the same key twice.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static Role ParseRoles(IEnumerable<string> roles) =>
        roles.Aggregate(Role.None, (all, r) => TryRole(r, out var role) ? all | role : all);

    private static bool TryRole(string text, out Role role) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out role) && role != Role.None && Enum.IsDefined(role) && !int.TryParse(text, out _);

    private static IEnumerable<(string Identity, IReadOnlyList<string> Owners)> Duplicates(IEnumerable<(string Identity, string Owner)> identities) =>
        identities.GroupBy(i => i.Identity.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(i => i.Owner).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .Where(d => d.Item2.Count > 1);
}
