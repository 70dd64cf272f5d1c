namespace CampaignBot.Customers.Events;

/// <summary>
/// Narrows a triggered campaign's audience to one pass: only the customers whose events run <paramref name="RunId"/>
/// took, minus those the campaign already reached (sent or held as control) after <paramref name="CooldownStart"/> in
/// another run. Null <paramref name="CooldownStart"/> means no cooldown.
/// </summary>
public sealed record TriggerScope(string CampaignId, string RunId, DateTimeOffset? CooldownStart);
