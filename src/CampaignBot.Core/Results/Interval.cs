namespace CampaignBot.Core.Results;

/// <summary>A 95% interval around an estimate.</summary>
public sealed record Interval(double Estimate, double Lower, double Upper)
{
    /// <summary>Zero lies outside the interval: the difference is real at this confidence.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}
