using CampaignBot.App.Application;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;

namespace CampaignBot.App.Alerts;

/// <summary>Which alerts to list: by state, by campaign, and a page.</summary>
public sealed record AlertQuery
{
    public const int DefaultPageSize = Paging.DefaultPageSize;
    public const int MaxPageSize = Paging.MaxPageSize;

    /// <summary>open, acknowledged or recovered, any case.</summary>
    public string? State { get; init; }

    public CampaignId? Campaign { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    public ProblemList Check(out AlertState? state)
    {
        var problems = new ProblemList();
        state = null;
        if (!string.IsNullOrWhiteSpace(State))
        {
            if (Enum.TryParse<AlertState>(State.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(State, out _))
            {
                state = parsed;
            }
            else
            {
                problems.Error("state", $"'{State}' is not an alert state; use open, acknowledged or recovered.");
            }
        }

        Paging.Check(problems, Page, PageSize);

        return problems;
    }
}

/// <summary>One page of alerts, latest change first, and how many match in all.</summary>
public sealed record AlertPage(IReadOnlyList<AlertView> Items, int Page, int PageSize, int Total)
{
    public int Pages => Paging.Pages(Total, PageSize);
}
