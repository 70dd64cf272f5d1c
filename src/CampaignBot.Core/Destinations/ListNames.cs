using System.Globalization;
using System.Text;
using CampaignBot.Core.Text;

namespace CampaignBot.Core.Destinations;

/// <summary>
/// Names the list (or file) a recipient group becomes at a destination: "Spring Sale - Active email A"
/// for platforms, "spring-sale_active-email-a" for files, cut to the destination's limit.
/// </summary>
public static class ListNames
{
    public static string For(DestinationDescriptor destination, string campaignName, string groupName)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.IsFile
            ? Fit(Slug(campaignName), Slug(groupName), "_", destination.NameLimit)
            : Fit(Printable(campaignName), Printable(groupName), " - ", destination.NameLimit);
    }

    // The group part is what tells lists apart, so the campaign part gives way first. Cuts fall between whole
    // characters, so an emoji in a name is never split into half a surrogate pair.
    private static string Fit(string campaign, string group, string separator, int limit)
    {
        var room = limit - separator.Length - group.Length;
        if (room >= campaign.Length)
        {
            return campaign + separator + group;
        }

        return room >= 8 ? TextElements.Prefix(campaign, room).TrimEnd(' ', '-') + separator + group : TextElements.Prefix(group, limit);
    }

    private static string Printable(string text) =>
        string.Join(' ', new string(text.Where(c => !char.IsControl(c)).ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Lower-case ASCII letters and digits joined by dashes, for file and folder names.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-') is { Length: > 0 } done ? done : "list";
    }
}
