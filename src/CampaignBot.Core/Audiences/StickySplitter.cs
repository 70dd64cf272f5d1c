using System.Runtime.CompilerServices;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Core.Audiences;

/// <summary>
/// Places each customer of a campaign's audience in a control or recipient group of the sub-audience they
/// matched, by <see cref="SplitHash"/> of (campaign id, customer id). The placement depends on nothing else,
/// so it is the same on every run, unaffected by who else is in the audience, and independent between
/// campaigns. Streams: one customer in, one placement out, nothing retained.
/// </summary>
public sealed class StickySplitter
{
    private readonly SplitHash _hash;

    public StickySplitter(CampaignId campaignId, SplitPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _hash = new SplitHash(campaignId.ToString());
        Plan = plan;
    }

    public SplitPlan Plan { get; }

    public static StickySplitter For(CampaignId campaignId, CampaignDefinition campaign) => new(campaignId, SplitPlan.From(campaign));

    public int BucketOf(string customerId) => _hash.BucketOf(customerId);

    /// <summary>Places a customer who matched <paramref name="subAudience"/> (a negative index: matched none).</summary>
    public GroupSlot Assign(string customerId, int subAudience) =>
        subAudience < 0 ? GroupSlot.Unmatched : Plan.Locate(subAudience, _hash.BucketOf(customerId));

    public IEnumerable<Placed<T>> Split<T>(IEnumerable<T> members, Func<T, string> customerId, Func<T, int> subAudience)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var member in members)
        {
            yield return new Placed<T>(member, Assign(customerId(member), subAudience(member)));
        }
    }

    public async IAsyncEnumerable<Placed<T>> SplitAsync<T>(
        IAsyncEnumerable<T> members, Func<T, string> customerId, Func<T, int> subAudience,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        await foreach (var member in members.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new Placed<T>(member, Assign(customerId(member), subAudience(member)));
        }
    }
}

public readonly record struct Placed<T>(T Member, GroupSlot Slot);

public static class SendLists
{
    /// <summary>The customers to deliver: control and unmatched customers are recorded, never sent.</summary>
    public static IEnumerable<Placed<T>> Recipients<T>(this IEnumerable<Placed<T>> placed) => placed.Where(p => p.Slot.IsRecipient);

    public static IAsyncEnumerable<Placed<T>> Recipients<T>(this IAsyncEnumerable<Placed<T>> placed) => placed.Where(p => p.Slot.IsRecipient);
}
