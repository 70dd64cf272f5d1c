using System.Globalization;
using System.Text.Json;
using CampaignBot.Core.Text;
using CampaignBot.Core.Triggers;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Events;

namespace CampaignBot.App.Triggers;

/// <summary>
/// Checks a batch of events, reporting every problem with its item's path (<c>events[3].occurred_at</c>). A batch with
/// any problem is refused whole, so a sender never has to work out which of its events were kept.
/// </summary>
public static class EventBatchRules
{
    public const int MaxIdLength = 128;

    public const int MaxPropertiesLength = 8_192;

    /// <summary>Clocks disagree a little; an event further in the future than this is a mistake (a local time sent as UTC).</summary>
    public static readonly TimeSpan FutureGrace = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<CustomerEvent>? Check(EventBatchInput? batch, int maxEvents, DateTimeOffset now, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (batch?.Events is not { Count: > 0 } items)
        {
            problems.Error("events", "Send at least one event in events: [...].");
            return null;
        }

        if (items.Count > maxEvents)
        {
            problems.Error("events", $"The batch holds {items.Count:N0} events; send at most {maxEvents:N0} per request.");
            return null;
        }

        var events = new List<CustomerEvent>(items.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"events[{i}]";
            if (items[i] is not { } item)
            {
                problems.Error(path, "An event is an object with id, customer_id, type and occurred_at.");
                continue;
            }

            var id = Identifier(item.Id, $"{path}.id", "the event's id", problems);
            if (id is not null && !seen.TryAdd(id, i))
            {
                problems.Error($"{path}.id", $"events[{seen[id]}] has the same id; each event in a batch needs its own.");
                id = null;
            }

            var customer = Identifier(item.CustomerId, $"{path}.customer_id", "the customer's id", problems);
            var type = EventType(item.Type, $"{path}.type", problems);
            var occurred = Instant(item.OccurredAt, $"{path}.occurred_at", now, problems);
            var properties = Properties(item.Properties, $"{path}.properties", problems);
            if (id is not null && customer is not null && type is not null && occurred is not null && properties is not null)
            {
                events.Add(new CustomerEvent(id, customer, type, occurred.Value, properties));
            }
        }

        return problems.HasErrors ? null : events;
    }

    private static string? Identifier(string? text, string path, string what, ProblemList problems)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            problems.Error(path, $"Give {what}.");
            return null;
        }

        if (value.Length > MaxIdLength || PrintableText.Problem(value) is not null)
        {
            problems.Error(path, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be at most {MaxIdLength} printable characters.");
            return null;
        }

        return value;
    }

    private static string? EventType(string? text, string path, ProblemList problems)
    {
        var type = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type))
        {
            problems.Error(path, "Give the event's type, such as order or signup.");
            return null;
        }

        if (!TriggerRules.IsEventType(type))
        {
            problems.Error(path, $"An event type is at most {TriggerRules.MaxEventType} letters, digits, '.', '_' or '-', starting with a letter (order, cart.abandoned).");
            return null;
        }

        return type;
    }

    private static DateTimeOffset? Instant(string? text, string path, DateTimeOffset now, ProblemList problems)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            problems.Error(path, "Give when the event happened, as an ISO 8601 instant such as 2026-12-06T21:04:00Z.");
            return null;
        }

        // An offset is required: a bare local time would be read in the server's zone, which the sender does not know.
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            problems.Error(path, "This is not an ISO 8601 instant with an offset; write it like 2026-12-06T21:04:00Z or 2026-12-06T13:04:00-08:00.");
            return null;
        }

        if (instant > now + FutureGrace)
        {
            problems.Error(path, $"{instant.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC is in the future; send events once they happened, in UTC or with their offset.");
            return null;
        }

        return instant.ToUniversalTime();
    }

    private static string? Properties(JsonElement? properties, string path, ProblemList problems)
    {
        if (properties is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return "{}";
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Error(path, "The properties are a JSON object, such as {\"amount\": 120.5}.");
            return null;
        }

        var json = element.GetRawText();
        if (json.Length > MaxPropertiesLength)
        {
            problems.Error(path, $"The properties take {json.Length:N0} characters; keep them to {MaxPropertiesLength:N0}.");
            return null;
        }

        return json;
    }
}
