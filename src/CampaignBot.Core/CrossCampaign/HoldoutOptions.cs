using System.Globalization;

namespace CampaignBot.Core.CrossCampaign;

/// <summary>
/// The global holdout, bound from the "Holdout" section: a sticky share of all customers kept out of every campaign,
/// so that all marketing together can be measured against them. Off by default.
/// </summary>
public sealed record HoldoutOptions
{
    public const string Section = "Holdout";

    /// <summary>Campaign split keys are GUIDs; a salt that is not one can never coincide with a campaign's split.</summary>
    public const string DefaultSalt = "global-holdout";

    /// <summary>
    /// Above half, most customers would hear from no campaign at all; a holdout is a measuring stick, usually 1–10%.
    /// </summary>
    public const decimal MaxPercent = 50;

    /// <summary>Percent of all customers held out (default 0: none), in basis points: at most two decimals.</summary>
    public decimal Percent { get; set; }

    /// <summary>
    /// The hash salt that draws the holdout (default "global-holdout"). Changing it draws a different holdout, which
    /// ends every comparison against the old one.
    /// </summary>
    public string Salt { get; set; } = DefaultSalt;

    /// <summary>Every problem with these settings, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Percent is < 0 or > MaxPercent)
        {
            problems.Add($"{Section}:Percent must be between 0 and {MaxPercent.ToString(CultureInfo.InvariantCulture)} (percent of all customers held out of every campaign); it is {Percent.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (decimal.Round(Percent, 2) != Percent)
        {
            problems.Add($"{Section}:Percent takes at most two decimals (the holdout is drawn in basis points, as 2.25 is 225 of 10,000 buckets); it is {Percent.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (string.IsNullOrWhiteSpace(Salt))
        {
            problems.Add($"{Section}:Salt must not be empty; leave it out to use \"{DefaultSalt}\".");
        }
        else if (Guid.TryParse(Salt, out _))
        {
            problems.Add($"{Section}:Salt must not be a GUID: campaigns split by their GUID, and the holdout must be drawn independently of every campaign.");
        }

        return problems;
    }
}
