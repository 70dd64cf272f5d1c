using System.Globalization;

namespace CampaignBot.Bench;

public sealed record BenchOptions(string Name, long? Customers)
{
    public long CustomersOr(long fallback) => Customers ?? fallback;

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        long? customers = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--customers" && i + 1 < args.Length
                && long.TryParse(args[i + 1].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                customers = n;
                i++;
            }
            else
            {
                return null;
            }
        }

        return new BenchOptions(args[0], customers);
    }
}
