namespace CampaignBot.Core.Triggers;

/// <summary>A triggered campaign's trigger as a user writes it: <c>{"event": "order", "filter": "amount > 100"}</c>.</summary>
public sealed record TriggerDraft
{
    /// <summary>The event type, e.g. "order" or "signup".</summary>
    public string? Event { get; init; }

    /// <summary>An optional comparison on the event's properties: <c>property operator value</c>.</summary>
    public string? Filter { get; init; }
}
