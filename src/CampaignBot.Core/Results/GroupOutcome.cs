namespace CampaignBot.Core.Results;

/// <summary>
/// What one group did within the attribution window, as the engine counted it: how many customers, how many of them
/// ordered, and the sum and sum of squares of each customer's revenue (zero for those who did not order), which is
/// all a mean and a variance need.
/// </summary>
public sealed record GroupOutcome(long Customers, long Converters, decimal Revenue, decimal RevenueSquares)
{
    public double ConversionRate => Customers == 0 ? 0 : (double)Converters / Customers;

    public double RevenuePerCustomer => Customers == 0 ? 0 : (double)Revenue / Customers;

    /// <summary>The sample variance of revenue per customer; zero below two customers.</summary>
    public double RevenueVariance
    {
        get
        {
            if (Customers < 2)
            {
                return 0;
            }

            var mean = (double)Revenue / Customers;
            return Math.Max(0, ((double)RevenueSquares - Customers * mean * mean) / (Customers - 1));
        }
    }
}
