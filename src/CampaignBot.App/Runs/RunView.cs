using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using Humanizer;

namespace CampaignBot.App.Runs;

/// <summary>A run as front ends show it: counts per group and destination, drops by reason, errors, what can be done.</summary>
public sealed record RunView
{
    public required string Id { get; init; }

    public required CampaignId CampaignId { get; init; }

    public required string Campaign { get; init; }

    public required DateTimeOffset Slot { get; init; }

    /// <summary>
    /// The run's status; "Interrupted" for a run marked running whose worker stopped renewing its lease (the service
    /// died or shut down): the next scheduler pass resumes it after its last delivered batch.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>"partially failed", "interrupted, resuming": the status as it reads in a sentence.</summary>
    public required string StatusText { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required double Seconds { get; init; }

    public required int Attempts { get; init; }

    public required long Recipients { get; init; }

    public required long Unmatched { get; init; }

    public required IReadOnlyList<GroupCountView> Groups { get; init; }

    public required IReadOnlyList<DeliveryView> Deliveries { get; init; }

    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>"retry" when failed deliveries can be sent again.</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    public const string Interrupted = "Interrupted";

    public const string InterruptedText = "interrupted, resuming";

    /// <param name="destination">The configured destination of a given name, for failure advice; null when it is gone.</param>
    /// <param name="now">When it is read: whether its lease has lapsed.</param>
    public static RunView Of(RunRecord run, bool canRetry, Func<string, DestinationInstance?> destination, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(run);
        var interrupted = run.IsInterruptedAt(now);
        return new RunView
        {
            Id = run.Id,
            CampaignId = run.CampaignId,
            Campaign = run.CampaignName,
            Slot = run.Slot,
            Status = interrupted ? Interrupted : run.Status.ToString(),
            StatusText = interrupted ? InterruptedText : run.Status.Humanize(LetterCasing.LowerCase),
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            Seconds = Math.Round(run.Seconds, 3),
            Attempts = run.Attempts,
            Recipients = run.Recipients,
            Unmatched = run.Unmatched,
            Groups = run.Groups.Select(g => new GroupCountView(g.SubAudienceName, g.Name, g.IsControl, g.Members, g.MembersFile)).ToList(),
            Deliveries = run.Deliveries.Select(d => new DeliveryView(
                d.SubAudience, d.GroupName, d.Destination, d.Status.ToString(), d.Rows, d.Rejected, d.Reported, d.Removed, d.Unreachable, d.Dropped, d.Batches, d.Attempts, d.Error, d.Failure?.ToString(),
                d.Failure is { } failure && destination(d.Destination) is { } instance ? FailureAdvice.For(failure, instance) : null, d.Reference)
            {
                Seeds = d.Seeds,
            }).ToList(),
            Errors = run.Errors,
            Actions = canRetry ? ["retry"] : [],
        };
    }
}

public sealed record GroupCountView(string SubAudience, string Group, bool IsControl, long Members, string? MembersFile);

public sealed record DeliveryView(
    int SubAudience, string Group, string Destination, string Status, long Rows, long Rejected, long? Reported, long Removed, long Unreachable,
    IReadOnlyDictionary<string, long> Dropped, int Batches, int Attempts, string? Error, string? Failure, FailureAdvice? Advice, string? Reference)
{
    /// <summary>Seed list people sent along with every batch of this delivery; not in <see cref="Rows"/>, never recipients.</summary>
    public int Seeds { get; init; }
}
