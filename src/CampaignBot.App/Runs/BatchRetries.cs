using CampaignBot.Delivery.Connectors;

namespace CampaignBot.App.Runs;

/// <summary>Sends one batch, trying again while the destination answers "later", up to the configured attempts.</summary>
internal static class BatchRetries
{
    public static async Task<BatchOutcome> SendAsync(Func<Task<BatchOutcome>> send, int attempts, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await send();
            if (outcome is not BatchOutcome.Transient transient || attempt >= attempts)
            {
                return outcome;
            }

            // Honour the destination's Retry-After; otherwise back off 1 s, 2 s, 4 s… capped at a minute.
            var wait = transient.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempt - 1)));
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>The reason and class of a failed outcome, or null when the batch went through.</summary>
    public static (string Reason, FailureKind Kind)? Failure(BatchOutcome outcome) => outcome switch
    {
        BatchOutcome.Permanent permanent => (permanent.Reason, permanent.Kind),
        BatchOutcome.Transient transient => (transient.Reason, transient.Kind),
        _ => null,
    };
}
