namespace CampaignBot.Customers.Audiences;

/// <summary>How the include segments' customers narrow down to the audience.</summary>
/// <param name="Included">Customers in any include segment, before exclusions and suppressions.</param>
/// <param name="RemovedByExclusion">
/// Per exclude segment (in the request's order), the included customers in it, each segment counted on its own:
/// a customer in two exclude segments counts in both, so these may add up to more than <paramref name="Excluded"/>.
/// </param>
/// <param name="Excluded">Included customers in at least one exclude segment, each counted once.</param>
/// <param name="Suppressed">Included customers in no exclude segment but suppressed (opt-outs, suppression lists).</param>
/// <param name="HeldOut">Included customers neither excluded nor suppressed but in the global holdout.</param>
public sealed record AudienceFunnel(long Included, IReadOnlyList<long> RemovedByExclusion, long Excluded, long Suppressed, long HeldOut)
{
    public long Audience => Included - Excluded - Suppressed - HeldOut;
}
