using System.Globalization;
using System.Text;

namespace CampaignBot.Api.Http;

/// <summary>One step of a JSON path: a member name, or an index into a list.</summary>
public sealed record JsonPathSegment(string? Name, int Index);

/// <summary>
/// Reads the paths System.Text.Json reports (<c>$.audience.exlude</c>, <c>$.groups[0].name</c>, <c>$['odd name']</c>)
/// and writes them the way the API's validation problems name fields (<c>groups[0].name</c>).
/// </summary>
public static class JsonPathSegments
{
    private const int MaxName = 60;

    /// <returns>The steps, empty for the body itself; null when the text is not such a path.</returns>
    public static IReadOnlyList<JsonPathSegment>? Parse(string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<JsonPathSegment>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(new(path[(i + 1)..end], -1));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var name = new StringBuilder();
                i += 2;
                while (i < path.Length && !path.AsSpan(i).StartsWith("']"))
                {
                    // Quotes inside the name are escaped with a backslash.
                    if (path[i] == '\\' && i + 1 < path.Length)
                    {
                        i++;
                    }

                    name.Append(path[i++]);
                }

                if (i >= path.Length)
                {
                    return null;
                }

                segments.Add(new(name.ToString(), -1));
                i += 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(new(null, index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    public static string Format(IReadOnlyList<JsonPathSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
        {
            return JsonBodyError.Body;
        }

        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            // A name is the caller's own text; a very long one is shortened so the problem stays readable.
            var name = segment.Name is { Length: > MaxName } longName ? longName[..MaxName] + "…" : segment.Name;
            if (name is null)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{segment.Index}]");
            }
            else if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                text.Append(text.Length == 0 ? "" : ".").Append(name);
            }
            else
            {
                text.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return text.ToString();
    }
}
