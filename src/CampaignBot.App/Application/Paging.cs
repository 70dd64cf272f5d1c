using CampaignBot.Core.Validation;

namespace CampaignBot.App.Application;

/// <summary>The page rules every list in the API shares: pages from 1, a bounded page size.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static void Check(ProblemList problems, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (page < 1)
        {
            problems.Error("page", $"The page is {page}; pages start at 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            problems.Error("pageSize", $"The page size is {pageSize}; use 1 to {MaxPageSize}.");
        }
    }

    public static int Pages(int total, int pageSize) => total == 0 ? 0 : (total + pageSize - 1) / pageSize;
}
