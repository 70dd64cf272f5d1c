namespace CampaignBot.Core.Scheduling;

/// <summary>
/// The run a schedule asks for next. <paramref name="Slot"/> is the nominal occurrence instant and the run's
/// idempotency key; <paramref name="RunAt"/> is when it may actually start (never before the slot, never inside quiet
/// hours); <paramref name="SkippedSlots"/> counts earlier slots missed during downtime that will not be run.
/// </summary>
public sealed record ScheduledOccurrence(DateTimeOffset Slot, DateTimeOffset RunAt, int SkippedSlots);
