namespace CampaignBot.Core.Audiences;

/// <summary>
/// How small a lift a control group can reveal. A control group that is too small makes a campaign's
/// effect unmeasurable, which defeats the point of holding customers out.
/// </summary>
public static class LiftSensitivity
{
    /// <summary>A typical email or ad conversion rate, used when the campaign has no baseline of its own.</summary>
    public const double TypicalConversion = 0.05;

    /// <summary>The smallest lift marketers usually hope to see: one percentage point.</summary>
    public const double RealisticLift = 0.01;

    // Two-sided 5% significance (z = 1.96) with 80% power (z = 0.84), the usual A/B test convention.
    private const double Z = 1.96 + 0.84;

    /// <summary>
    /// The smallest difference in conversion rate (as a fraction, 0.01 = one point) a test with these group
    /// sizes detects: z · sqrt(p(1 − p)(1/control + 1/treatment)). Infinite when either group is empty.
    /// </summary>
    public static double MinimumDetectableLift(long control, long treatment, double baseline = TypicalConversion)
    {
        if (control <= 0 || treatment <= 0)
        {
            return double.PositiveInfinity;
        }

        return Z * Math.Sqrt(baseline * (1 - baseline) * ((1.0 / control) + (1.0 / treatment)));
    }

    /// <summary>True when a control group of this size cannot show a <see cref="RealisticLift"/>.</summary>
    public static bool IsTooSmall(long control, long treatment) => control > 0 && MinimumDetectableLift(control, treatment) > RealisticLift;
}
