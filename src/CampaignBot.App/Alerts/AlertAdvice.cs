using CampaignBot.App.Runs;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.App.Alerts;

/// <summary>The cause and fix steps an alert shows, from the failed deliveries' class and their destination.</summary>
public static class AlertAdvice
{
    private const string ReadTheRun = "Open the run (link below): each delivery's error and counts are there.";
    private const string Retry = "Then press Retry: delivered batches are kept and only the rest is sent.";

    /// <summary>The class most of the failed deliveries share, and what to do about it at this destination.</summary>
    public static (FailureKind? Kind, FailureAdvice Advice) For(IReadOnlyList<DeliveryRecord> failed, DestinationInstance? destination)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var kind = failed.Where(d => d.Failure is not null).GroupBy(d => d.Failure).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        if (kind is { } known && destination is not null)
        {
            return (known, FailureAdvice.For(known, destination));
        }

        var error = failed.Select(d => d.Error).FirstOrDefault(e => e is { Length: > 0 }) ?? "The delivery stopped without a recorded error.";
        return destination is null
            ? (kind, new FailureAdvice($"{error} The destination is no longer configured.", ["Add the destination back under Destinations, or edit the campaign to send elsewhere.", Retry]))
            : (kind, new FailureAdvice(error, [ReadTheRun, Retry]));
    }

    /// <summary>A run that failed before it reached any destination: the campaign itself no longer resolves.</summary>
    public static FailureAdvice ForRun(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var errors = run.Errors.Count == 0 ? "The run failed before it reached any destination." : string.Join(" ", run.Errors);
        return new FailureAdvice(
            $"The run failed before it reached any destination: {errors}",
            [
                "Open the campaign: a segment or destination it names may have been removed or renamed.",
                "Fix the campaign and submit it again; a recurring campaign's next occurrence runs once it is approved.",
            ]);
    }
}
