using CampaignBot.Core.Destinations.Identifiers;
using CampaignBot.Core.Text;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Seeds;

/// <summary>
/// Checks a seed list's entries the way customer identifiers are read: an email must be usable, a phone must parse
/// (national numbers by the entry's country, else US), and each entry needs at least one identifier.
/// </summary>
public static class SeedEntryRules
{
    public const int MaxEntries = 100;
    public const int MaxName = 80;
    public const int MaxExternalId = 128;

    public static IReadOnlyList<SeedEntry> Check(IReadOnlyList<SeedEntryInput?>? entries, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (entries is null || entries.Count == 0)
        {
            problems.Error("entries", "Add at least one person, with an email, a phone or an external id.");
            return [];
        }

        if (entries.Count > MaxEntries)
        {
            problems.Error("entries", $"The list has {entries.Count} people; a seed list holds at most {MaxEntries}.");
            return [];
        }

        var checkedEntries = new List<SeedEntry>();
        var emails = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (Check(entries[i], $"entries[{i}]", problems) is { } entry)
            {
                if (entry.Email is { } email && !emails.TryAdd(email, i))
                {
                    problems.Error($"entries[{i}].email", $"This email address is already on the list (entries[{emails[email]}]); list each person once.");
                }

                checkedEntries.Add(entry);
            }
        }

        return checkedEntries;
    }

    private static SeedEntry? Check(SeedEntryInput? input, string path, ProblemList problems)
    {
        if (input is null)
        {
            problems.Error(path, "Write the person as an object with an email, a phone or an external id.");
            return null;
        }

        var before = problems.Items.Count(p => p.IsError);
        var name = input.Name?.Trim() ?? "";
        if (name.Length > MaxName)
        {
            problems.Error($"{path}.name", $"The name is {name.Length} characters long; keep it to {MaxName} or fewer.");
        }
        else if (PrintableText.Problem(name) is { } unprintable)
        {
            problems.Error($"{path}.name", $"The name contains {unprintable}; remove it.");
        }

        var country = Blank(input.Country)?.ToUpperInvariant();
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            problems.Error($"{path}.country", $"'{input.Country!.Trim()}' is not a country code; write two letters such as US or CA.");
            country = null;
        }

        var email = Blank(input.Email);
        var normalizedEmail = email is null ? null : Emails.Normalize(email);
        if (email is not null && normalizedEmail is null)
        {
            problems.Error($"{path}.email", "This is not a usable email address; write it as name@example.com.");
        }

        var phone = Blank(input.Phone);
        var e164 = phone is null ? null : Phones.ToE164(phone, country);
        if (phone is not null && e164 is null)
        {
            problems.Error($"{path}.phone", $"This phone number does not parse{(country is null ? " as a US number" : $" for {country}")}; write it with its country code, such as +1 206 555 0100.");
        }

        var externalId = Blank(input.ExternalId);
        if (externalId is not null && (externalId.Length > MaxExternalId || PrintableText.Problem(externalId) is not null))
        {
            problems.Error($"{path}.externalId", $"The external id must be printable text of at most {MaxExternalId} characters.");
        }

        if (email is null && phone is null && externalId is null)
        {
            problems.Error(path, "Give the person an email, a phone or an external id: destinations need one to reach them.");
        }

        return problems.Items.Count(p => p.IsError) > before ? null : new SeedEntry
        {
            Name = name, Email = normalizedEmail, Phone = e164, ExternalId = externalId, Country = country,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
