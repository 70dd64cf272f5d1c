using CampaignBot.Core.Validation;

namespace CampaignBot.Api.Alerts;

/// <summary>Which alerts to list: by state, by campaign, and a page.</summary>
public sealed record AlertQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>open, acknowledged or recovered, any case.</summary>
    public string? State { get; init; }

    public Guid? Campaign { get; init; }

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

        if (Page < 1)
        {
            problems.Error("page", $"The page is {Page}; pages start at 1.");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            problems.Error("pageSize", $"The page size is {PageSize}; use 1 to {MaxPageSize}.");
        }

        return problems;
    }
}

/// <summary>One page of alerts, latest change first, and how many match in all.</summary>
public sealed record AlertPage(IReadOnlyList<AlertView> Items, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}
