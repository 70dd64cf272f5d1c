using CampaignBot.Core.Audiences;

namespace CampaignBot.Core.CrossCampaign;

/// <summary>
/// Who is in the global holdout: the customers whose bucket under <see cref="Salt"/> falls below <see cref="Buckets"/>.
/// The bucket is the sticky split's (<see cref="SplitHash"/>, docs/splitting.md) with the salt in place of a campaign
/// id, so membership depends only on the customer id, never moves between runs, and is independent of every
/// campaign's split; the engines compute the same bucket in SQL.
/// </summary>
public sealed record GlobalHoldout
{
    private GlobalHoldout(string salt, int buckets)
    {
        Salt = salt;
        Buckets = buckets;
    }

    public string Salt { get; }

    /// <summary>How many of the <see cref="SplitHash.Buckets"/> buckets are held out: the percent in basis points.</summary>
    public int Buckets { get; }

    public decimal Percent => Buckets / 100m;

    /// <summary>The holdout the settings ask for, or null when <see cref="HoldoutOptions.Percent"/> is 0.</summary>
    public static GlobalHoldout? From(HoldoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is [var first, ..])
        {
            throw new ArgumentException(first, nameof(options));
        }

        var buckets = (int)(options.Percent * 100);
        return buckets == 0 ? null : new GlobalHoldout(options.Salt, buckets);
    }

    public bool Holds(string customerId) => new SplitHash(Salt).BucketOf(customerId) < Buckets;
}
