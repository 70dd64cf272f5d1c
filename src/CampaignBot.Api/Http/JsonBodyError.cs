using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;

namespace CampaignBot.Api.Http;

/// <summary>
/// Why a request body could not be read, as a path into the body (the same form as the 422 problems' paths:
/// <c>subAudiences[0].controlPercent</c>, <c>$</c> for the body as a whole) and a sentence in the request's own
/// terms: an unknown field with the closest known name, a field given twice, a value of the wrong kind, or JSON
/// that does not parse. The serializer only says where it stopped; the request type, walked along that path,
/// says what was expected there. Never echoes a value.
/// </summary>
public sealed record JsonBodyError(string Path, string Message)
{
    public const string Body = "$";

    public static JsonBodyError Of(JsonException error, Type? requestType, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        var segments = JsonPathSegments.Parse(error.Path);
        var path = segments is null ? Body : JsonPathSegments.Format(segments);

        // The reader's own errors (bad syntax, invalid UTF-8, nesting too deep) come wrapped; the binder's do not.
        if (error.InnerException is JsonException reader)
        {
            return new(path, $"The body could not be read as JSON at line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}: {Reason(reader.Message)}");
        }

        if (segments is null || requestType is null)
        {
            return new(path, $"'{path}' could not be read for this request.");
        }

        if (segments.Count == 0)
        {
            return new(Body, $"The body must be {Expected(options.GetTypeInfo(requestType))}.");
        }

        var parent = options.GetTypeInfo(requestType);
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (Child(parent, segments[i], options) is not { } child)
            {
                return new(path, $"'{path}' could not be read for this request.");
            }

            parent = child;
        }

        var last = segments[^1];
        if (last.Name is { } name && parent.Kind == JsonTypeInfoKind.Object && Property(parent, name) is null)
        {
            var known = parent.Properties.Select(p => p.Name).ToList();
            return new(path, ClosestName.Among(name, known) is { } closest
                ? $"'{path}' is not a field; did you mean '{closest}'?"
                : known.Count == 0
                    ? $"'{path}' is not a field; this part of the body takes no fields."
                    : $"'{path}' is not a field; the fields here are {string.Join(", ", known.Select(k => $"'{k}'"))}.");
        }

        // System.Text.Json says "Duplicate property …" when AllowDuplicateProperties is off; nothing else marks it.
        if (last.Name is not null && error.Message.StartsWith("Duplicate", StringComparison.Ordinal))
        {
            return new(path, $"'{path}' is given twice; give each field once.");
        }

        return Child(parent, last, options) is { } expected
            ? new(path, $"'{path}' must be {Expected(expected)}.")
            : new(path, $"'{path}' could not be read for this request.");
    }

    private static JsonTypeInfo? Child(JsonTypeInfo parent, JsonPathSegment segment, JsonSerializerOptions options) =>
        segment.Name is { } name
            ? parent.Kind == JsonTypeInfoKind.Object && Property(parent, name) is { } property ? options.GetTypeInfo(property.PropertyType) : null
            : parent.Kind == JsonTypeInfoKind.Enumerable && parent.ElementType is { } element ? options.GetTypeInfo(element) : null;

    private static JsonPropertyInfo? Property(JsonTypeInfo type, string name) =>
        type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, type.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    private static string Expected(JsonTypeInfo type)
    {
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary:
                return "an object ({…})";
            case JsonTypeInfoKind.Enumerable:
                return "a list ([…])";
        }

        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        return clr switch
        {
            _ when clr == typeof(string) => "text in quotes",
            _ when clr == typeof(bool) => "true or false",
            _ when clr == typeof(int) => $"a whole number from {int.MinValue.ToString(CultureInfo.InvariantCulture)} to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}",
            _ when clr == typeof(long) => "a whole number",
            _ when clr == typeof(decimal) => "a number of at most 28 digits",
            _ when clr == typeof(double) || clr == typeof(float) => "a number",
            _ when clr == typeof(Guid) || clr == typeof(CampaignId) => "an id in quotes (\"3f2b…\")",
            _ when clr == typeof(DateTimeOffset) || clr == typeof(DateTime) => "a date and time in quotes (ISO 8601)",
            _ when clr.IsEnum => $"one of {string.Join(", ", Enum.GetNames(clr).Select(n => $"'{n}'"))}",
            _ => "a value of another kind",
        };
    }

    // The reader appends its position ("… LineNumber: 0 | BytePositionInLine: 9."); the problem gives it once, 1-based.
    private static string Reason(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
