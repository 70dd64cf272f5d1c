using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignBot.App.Triggers;

/// <summary>The body of <c>POST /api/events</c>: <c>{"events": [...]}</c>. Field names are the ones event senders commonly use (snake case).</summary>
public sealed record EventBatchInput
{
    [JsonPropertyName("events")]
    public IReadOnlyList<EventInput?>? Events { get; init; }
}

/// <summary>One event as sent; read loosely so that validation names every bad field of every item at once.</summary>
public sealed record EventInput
{
    /// <summary>The sender's id for the event: sending it again is accepted and stored once.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("customer_id")]
    public string? CustomerId { get; init; }

    /// <summary>"order", "signup", "cart.abandoned"; compared lower-case.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>An ISO 8601 instant with its offset, "2026-12-06T21:04:00Z".</summary>
    [JsonPropertyName("occurred_at")]
    public string? OccurredAt { get; init; }

    /// <summary>A JSON object; triggers filter on its top-level properties (<c>amount &gt; 100</c>).</summary>
    [JsonPropertyName("properties")]
    public JsonElement? Properties { get; init; }
}

/// <summary>What a batch did: every event is accepted; <see cref="Replayed"/> of them were stored before.</summary>
public sealed record EventsAccepted(int Accepted, int Stored, int Replayed);
