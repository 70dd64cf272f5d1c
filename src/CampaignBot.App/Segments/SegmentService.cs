using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Core.People;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Insights;
using CampaignBot.Customers.Segments;

namespace CampaignBot.App.Segments;

/// <summary>Reading, creating and sizing segments, for the REST API and chat alike.</summary>
public sealed class SegmentService(SegmentStore segments, SegmentInsightsQuery insights, TimeProvider clock)
{
    public ServiceResult<IReadOnlyList<SegmentView>> List(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Refusal<IReadOnlyList<SegmentView>>(Operation.ReadSegments)
            ?? segments.List().Select(SegmentView.Of).ToList();
    }

    public ServiceResult<SegmentView> Get(string name, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Refusal<SegmentView>(Operation.ReadSegments)
            ?? (segments.Find(name) is { } segment ? SegmentView.Of(segment) : NotFound<SegmentView>(name));
    }

    public ServiceResult<SegmentView> Create(SegmentInput input, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<SegmentView>(Operation.CreateSegments) is { } refused)
        {
            return refused;
        }

        if (!string.IsNullOrWhiteSpace(input.Name) && segments.Find(input.Name) is not null)
        {
            return new ServiceResult<SegmentView>.Conflict(segments.Taken(input.Name));
        }

        var problems = new ProblemList();
        var filter = Read(input, problems, out var path);
        var prepared = segments.Prepare(input.Name, input.Description, filter, problems, actor.Person.Id, path);
        if (prepared.Value is not { } segment)
        {
            return new ServiceResult<SegmentView>.Invalid(prepared.Problems);
        }

        // Another request may have taken the name since the check above: that is the same conflict, not a new kind of problem.
        return segments.TryInsert(segment) ? SegmentView.Of(segment) : new ServiceResult<SegmentView>.Conflict(segments.Taken(segment.Name));
    }

    /// <summary>Counts and sums a stored segment in the engine.</summary>
    public async Task<ServiceResult<SegmentInsightsView>> InsightsAsync(string name, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<SegmentInsightsView>(Operation.ReadSegments) is { } refused)
        {
            return refused;
        }

        if (segments.Find(name) is not { } segment)
        {
            return NotFound<SegmentInsightsView>(name);
        }

        var bound = SegmentStore.Bind(segment, "filter");
        return bound.IsValid
            ? new SegmentInsightsView(segment.Name, segment.Filter, await ComputeAsync(bound.Value!, cancellationToken))
            : new ServiceResult<SegmentInsightsView>.Invalid(bound.Problems);
    }

    /// <summary>Sizes a filter before it is saved, so a marketer sees the count first.</summary>
    public async Task<ServiceResult<SegmentInsightsView>> TryAsync(SegmentInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<SegmentInsightsView>(Operation.ReadSegments) is { } refused)
        {
            return refused;
        }

        var problems = new ProblemList();
        var filter = Read(input, problems, out var path);
        if (filter is not null)
        {
            var bound = SegmentBinder.Bind(filter, path);
            problems.AddRange(bound.Problems);
            if (bound.IsValid && !problems.HasErrors)
            {
                return new SegmentInsightsView(input.Name?.Trim() ?? "", SegmentText.Format(filter), await ComputeAsync(bound.Value!, cancellationToken));
            }
        }

        return new ServiceResult<SegmentInsightsView>.Invalid(problems.Items);
    }

    private Task<SegmentInsights> ComputeAsync(BoundFilter filter, CancellationToken cancellationToken) =>
        insights.ComputeAsync(filter, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);

    // The filter comes as text or as a tree, never both; problems are keyed by the field the caller used.
    private static SegmentFilter? Read(SegmentInput input, ProblemList problems, out string path)
    {
        if (input.Filter is not null)
        {
            path = "filter";
            if (input.Text is not null)
            {
                problems.Error("text", "Send the filter either as text or as a tree in 'filter', not both.");
                return null;
            }

            return input.Filter.ToFilter(path, problems);
        }

        path = "text";
        var parsed = SegmentParser.Parse(input.Text ?? "");
        if (parsed.Filter is null)
        {
            problems.Error(path, string.IsNullOrWhiteSpace(input.Text)
                ? "Write a filter as text, such as \"lifetime_value > 500 and state in (WA, OR)\", or as a tree in 'filter'."
                : $"At character {parsed.Error?.Position}: {parsed.Error?.Message}");
        }

        return parsed.Filter;
    }

    private static ServiceResult<T> NotFound<T>(string name) => new ServiceResult<T>.NotFound($"There is no segment called '{name}'.");
}
