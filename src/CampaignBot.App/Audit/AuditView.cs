namespace CampaignBot.App.Audit;

/// <summary>One line of a campaign's history as readers see it.</summary>
/// <param name="Actor">A person's id, or "scheduler".</param>
/// <param name="ActorName">The person's name, or "the scheduler".</param>
public sealed record AuditView(DateTimeOffset At, string Actor, string ActorName, string Channel, string Action, string? From, string? To, string? Detail);
