using CampaignBot.Core.CrossCampaign;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// A frequency cap as of <see cref="Now"/>: a customer with <see cref="FrequencyCap.MaxDeliveries"/> or more recipient
/// sends on the cap's channel after <c>Now − Window</c> (and not after <see cref="Now"/>) is capped. Control rows never
/// count: they are recorded, not sent.
/// </summary>
/// <param name="ExceptRunId">A run's own sends do not count against it, so a resumed run places everyone as it began.</param>
public sealed record FrequencyCapCheck(FrequencyCap Cap, DateTimeOffset Now, string? ExceptRunId = null)
{
    public DateTimeOffset WindowStart => Cap.WindowStart(Now);
}
