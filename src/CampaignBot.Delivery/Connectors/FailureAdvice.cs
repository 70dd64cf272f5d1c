using CampaignBot.Core.Destinations;

namespace CampaignBot.Delivery.Connectors;

/// <summary>What went wrong with a delivery, in plain words, and what on-call staff should do about it.</summary>
public sealed record FailureAdvice(string Cause, IReadOnlyList<string> Steps)
{
    /// <summary>
    /// The advice for a failure of <paramref name="kind"/> at <paramref name="destination"/>. Credential steps name the
    /// settings that hold the secret (the instance's CredentialsReference), never the secret.
    /// </summary>
    public static FailureAdvice For(FailureKind kind, DestinationInstance destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var service = destination.Descriptor.DisplayName;
        var keys = destination.CredentialsReference is { Length: > 0 } reference
            ? $"the '{reference}' settings (environment variables {reference.Replace(":", "__", StringComparison.Ordinal)}__…)"
            : "the destination's credential settings";
        var retry = "Then press Retry on the run: delivered batches are kept and only the rest is sent.";
        return kind switch
        {
            FailureKind.Authentication => new(
                $"{service} refused the credentials of destination '{destination.Name}': they were revoked, have expired or are mistyped.",
                [FailureTexts.NewCredentials(destination), $"Store them in {keys} and restart CampaignBot.", retry]),
            FailureKind.Permission => new(
                $"The credentials of destination '{destination.Name}' work, but {service} says they may not do this.",
                [FailureTexts.MissingPermission(destination), retry]),
            FailureKind.RateLimited => new(
                $"{service} kept throttling the delivery until the retries ran out.",
                [
                    "Nothing was lost or sent twice; the run stopped after the last batch " + service + " accepted.",
                    retry,
                    $"If it happens again, schedule the campaign away from other heavy {service} jobs or lower Scheduler:MaxConcurrentRuns so runs do not compete; ask {service} for a higher limit if needed.",
                ]),
            FailureKind.InvalidData => new(
                $"{service} refused the rows themselves, not the connection.",
                [
                    "Open the run: its dropped and rejected counts show which reasons applied.",
                    FailureTexts.DataRules(destination),
                    "Fix the customer data or the campaign's attributes, then press Retry on the run.",
                ]),
            FailureKind.ServiceDown => new(
                $"{service} did not answer, or answered with server errors, until the retries ran out.",
                [FailureTexts.Reachability(destination), retry]),
            FailureKind.Configuration => new(
                $"Destination '{destination.Name}' is set up in a way {service} does not accept (a bucket, container, folder, account or host that does not exist or does not match).",
                [$"Check the Destinations entry named '{destination.Name}' against {service}: {FailureTexts.Settings(destination)}", "Fix the setting and restart CampaignBot.", retry]),
            FailureKind.Shortfall => new(
                $"{service} reports holding fewer rows than were sent, by more than the tolerance.",
                [
                    $"Compare the run's delivered count with the list or audience in {service}; {service} may still be processing.",
                    FailureTexts.DataRules(destination),
                    "If rows are missing, press Retry on the run to send them again; sending is idempotent.",
                ]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown failure kind."),
        };
    }
}
