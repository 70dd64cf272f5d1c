namespace CampaignBot.Delivery.Connectors;

/// <summary>What became of one batch; a closed set the run pipeline decides on (retry, alert, carry on).</summary>
public abstract record BatchOutcome
{
    private BatchOutcome()
    {
    }

    /// <param name="Reference">What the destination now holds, such as a file name and its SHA-256, or a list id.</param>
    public sealed record Delivered(int Rows, string? Reference) : BatchOutcome;

    public sealed record PartiallyRejected(int Accepted, int Rejected, string Reason) : BatchOutcome;

    /// <summary>Try again later, after <see cref="RetryAfter"/> when the destination said so.</summary>
    /// <param name="Kind">What the failure is if the retries run out: the service is down, or it keeps throttling.</param>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter, FailureKind Kind = FailureKind.ServiceDown) : BatchOutcome;

    /// <summary>Will not succeed as is: configuration or data must change first.</summary>
    public sealed record Permanent(string Reason, FailureKind Kind) : BatchOutcome;
}
