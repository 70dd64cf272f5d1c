namespace CampaignBot.Customers.Events;

/// <summary>One event as stored; <paramref name="PropertiesJson"/> is a JSON object ("{}" when there are none).</summary>
public sealed record CustomerEvent(string EventId, string CustomerId, string EventType, DateTimeOffset OccurredAt, string PropertiesJson);

/// <summary>What a batch did: events stored now, and events whose id was stored before (accepted, not stored twice).</summary>
public sealed record EventsAppended(int Stored, int Replayed);
