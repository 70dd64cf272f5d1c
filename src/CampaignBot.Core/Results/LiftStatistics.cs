using MathNet.Numerics.Distributions;

namespace CampaignBot.Core.Results;

/// <summary>
/// The statistics of a recipient group against its control, at 95%: conversion intervals by Wilson's score
/// method, the difference by Newcombe's hybrid score method (both behave at small counts, unlike the textbook
/// normal interval), the relative lift by the log of the ratio (Katz), the p-value of a pooled two-proportion
/// z-test, and revenue per customer by Welch's interval, which does not assume equal variances.
/// </summary>
public static class LiftStatistics
{
    public const double Confidence = 0.95;

    /// <summary>The normal quantile for a two-sided 95% interval (1.96).</summary>
    public static readonly double Z = Normal.InvCDF(0, 1, 1 - ((1 - Confidence) / 2));

    /// <summary>Wilson's score interval for a proportion of <paramref name="successes"/> in <paramref name="trials"/>.</summary>
    public static Interval Wilson(long successes, long trials)
    {
        if (trials <= 0)
        {
            return new Interval(0, 0, 1);
        }

        var p = (double)successes / trials;
        var z2 = Z * Z;
        var centre = (p + (z2 / (2.0 * trials))) / (1 + (z2 / trials));
        var half = Z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials))) / (1 + (z2 / trials));
        // At 0 or all successes the bound is exactly 0 or 1; the formula only approaches it in floating point.
        return new Interval(p, successes == 0 ? 0 : Math.Max(0, centre - half), successes == trials ? 1 : Math.Min(1, centre + half));
    }

    /// <summary>Newcombe's interval for the difference of two proportions (treated minus control), from their Wilson intervals.</summary>
    public static Interval Difference(GroupOutcome treated, GroupOutcome control)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(control);
        var t = Wilson(treated.Converters, treated.Customers);
        var c = Wilson(control.Converters, control.Customers);
        var d = t.Estimate - c.Estimate;
        return new Interval(
            d,
            d - Math.Sqrt(Square(t.Estimate - t.Lower) + Square(c.Upper - c.Estimate)),
            d + Math.Sqrt(Square(t.Upper - t.Estimate) + Square(c.Estimate - c.Lower)));
    }

    /// <summary>The relative lift (treated rate over control rate, minus one) by Katz's log interval; null when either group has no converter.</summary>
    public static Interval? RelativeLift(GroupOutcome treated, GroupOutcome control)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(control);
        if (treated.Converters == 0 || control.Converters == 0)
        {
            return null;
        }

        var logRatio = Math.Log(treated.ConversionRate / control.ConversionRate);
        var se = Math.Sqrt((1.0 / treated.Converters) - (1.0 / treated.Customers) + (1.0 / control.Converters) - (1.0 / control.Customers));
        return new Interval(Math.Exp(logRatio) - 1, Math.Exp(logRatio - (Z * se)) - 1, Math.Exp(logRatio + (Z * se)) - 1);
    }

    /// <summary>The two-sided p-value of the pooled two-proportion z-test; 1 when there is nothing to compare.</summary>
    public static double PValue(GroupOutcome treated, GroupOutcome control)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(control);
        if (treated.Customers == 0 || control.Customers == 0)
        {
            return 1;
        }

        var pooled = (double)(treated.Converters + control.Converters) / (treated.Customers + control.Customers);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / treated.Customers) + (1.0 / control.Customers)));
        if (se == 0)
        {
            return 1;
        }

        var z = (treated.ConversionRate - control.ConversionRate) / se;
        return 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
    }

    /// <summary>Welch's interval for the difference in revenue per customer (treated minus control); null below two customers a side.</summary>
    public static Interval? RevenueDifference(GroupOutcome treated, GroupOutcome control)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(control);
        if (treated.Customers < 2 || control.Customers < 2)
        {
            return null;
        }

        var d = treated.RevenuePerCustomer - control.RevenuePerCustomer;
        var vt = treated.RevenueVariance / treated.Customers;
        var vc = control.RevenueVariance / control.Customers;
        var se = Math.Sqrt(vt + vc);
        if (se == 0)
        {
            return new Interval(d, d, d);
        }

        // Welch–Satterthwaite degrees of freedom.
        var df = Square(vt + vc) / ((Square(vt) / (treated.Customers - 1)) + (Square(vc) / (control.Customers - 1)));
        var t = StudentT.InvCDF(0, 1, df, 1 - ((1 - Confidence) / 2));
        return new Interval(d, d - (t * se), d + (t * se));
    }

    /// <summary>
    /// About how many customers each side needs for a difference of <paramref name="difference"/> between these
    /// rates to be told apart at 95% with 80% power (the usual planning rule for two proportions).
    /// </summary>
    public static long CustomersNeededPerGroup(double treatedRate, double controlRate, double difference)
    {
        if (difference <= 0)
        {
            return long.MaxValue;
        }

        var power = Normal.InvCDF(0, 1, 0.8);
        var variance = (treatedRate * (1 - treatedRate)) + (controlRate * (1 - controlRate));
        return (long)Math.Ceiling(Square(Z + power) * Math.Max(variance, 1e-9) / Square(difference));
    }

    private static double Square(double x) => x * x;
}
