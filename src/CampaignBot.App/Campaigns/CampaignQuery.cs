using CampaignBot.App.Application;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.Validation;

namespace CampaignBot.App.Campaigns;

/// <summary>Which campaigns to list: filters as people type them, and a page.</summary>
public sealed record CampaignQuery
{
    public const int DefaultPageSize = Paging.DefaultPageSize;
    public const int MaxPageSize = Paging.MaxPageSize;

    /// <summary>A status in any spelling: "pending approval", "pending-approval", "PendingApproval".</summary>
    public string? Status { get; init; }

    /// <summary>Part of the name, any case.</summary>
    public string? Search { get; init; }

    /// <summary>The author's person id.</summary>
    public string? Author { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>"recent" (the default: newest change first) or "priority": high first, then the next to run.</summary>
    public string? Sort { get; init; }

    /// <summary>Every problem with the query at once; <paramref name="status"/> is the status asked for, if any.</summary>
    public ProblemList Check(out CampaignStatus? status)
    {
        var problems = new ProblemList();
        status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            var compact = Status.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            if (Enum.TryParse<CampaignStatus>(compact, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(compact, out _))
            {
                status = parsed;
            }
            else
            {
                problems.Error("status", $"'{Status}' is not a status; use one of {string.Join(", ", Enum.GetValues<CampaignStatus>().Select(CampaignLifecycle.Words))}.");
            }
        }

        Paging.Check(problems, Page, PageSize);
        PriorityOrder.Check(Sort, problems);

        return problems;
    }
}

/// <summary>One page of campaigns, newest change first, and how many match in all.</summary>
public sealed record CampaignPage(IReadOnlyList<CampaignView> Items, int Page, int PageSize, int Total)
{
    public int Pages => Paging.Pages(Total, PageSize);
}
