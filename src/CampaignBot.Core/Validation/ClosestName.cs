namespace CampaignBot.Core.Validation;

/// <summary>
/// The known name a mistyped one most likely meant, for "did you mean" hints. Names are compared ignoring case
/// and the separators people swap (time_zone, time-zone, timeZone); swapping two neighbouring letters counts as
/// one edit. A hint is given only when at most a third of the typed name is wrong (at least one edit), so it is
/// never a wild guess.
/// </summary>
public static class ClosestName
{
    public static string? Among(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var wanted = Normalize(typed);
        if (wanted.Length == 0)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            var distance = Distance(wanted, Normalize(name));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return bestDistance <= Math.Max(1, wanted.Length / 3) ? best : null;
    }

    private static string Normalize(string name) =>
        new([.. name.Where(c => c is not ('_' or '-' or ' ' or '.')).Select(char.ToLowerInvariant)]);

    // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
