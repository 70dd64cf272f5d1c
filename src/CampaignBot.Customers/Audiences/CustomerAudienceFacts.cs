using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// One customer's standing against a campaign's audience rules, as the engine evaluated them, and where those
/// facts place the customer by the same rules <see cref="AudienceSql"/> applies to everyone.
/// </summary>
/// <param name="Include">Per include segment, in order: whether the customer is a member.</param>
/// <param name="Exclude">Per exclude segment, in order: whether the customer is a member.</param>
/// <param name="SubAudiences">Per sub-audience in match order: whether its criteria match; null for the catch-all.</param>
/// <param name="Suppressed">Per suppression channel ("all" always, then the destinations' channels): whether suppressed there.</param>
/// <param name="HeldOut">In the global holdout: kept out of every campaign, before sub-audiences.</param>
/// <param name="Bucket">The split bucket (0..9999) computed in the engine.</param>
public sealed record CustomerAudienceFacts(
    string CustomerId,
    IReadOnlyList<bool> Include,
    IReadOnlyList<bool> Exclude,
    IReadOnlyList<bool?> SubAudiences,
    IReadOnlyDictionary<string, bool> Suppressed,
    bool HeldOut,
    int Bucket,
    SplitPlan Plan)
{
    public bool InAnyInclude => Include.Contains(true);

    public bool InAnyExclude => Exclude.Contains(true);

    /// <summary>Opted out everywhere: a global suppression keeps the customer out of the audience itself.</summary>
    public bool SuppressedEverywhere => Suppressed[CustomerSchema.AllChannels];

    /// <summary>Union of includes, minus any exclude, minus global suppressions, minus the global holdout.</summary>
    public bool InAudience => InAnyInclude && !InAnyExclude && !SuppressedEverywhere && !HeldOut;

    /// <summary>
    /// The first sub-audience whose criteria match, else the catch-all, else -1. Sub-audiences after a catch-all
    /// are never reached, as in the audience build.
    /// </summary>
    public int FirstMatch
    {
        get
        {
            for (var i = 0; i < SubAudiences.Count; i++)
            {
                if (SubAudiences[i] is not false)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>Where a run places the customer; <see cref="GroupSlot.Unmatched"/> when not in the audience or matched nowhere.</summary>
    public GroupSlot Slot => InAudience ? Plan.Locate(FirstMatch, Bucket) : GroupSlot.Unmatched;

    /// <summary>Suppressed for a destination's channel: globally or on that channel's list.</summary>
    public bool SuppressedFor(string? channel) =>
        SuppressedEverywhere || (channel is not null && Suppressed.TryGetValue(channel.Trim(), out var suppressed) && suppressed);
}
