using CampaignBot.Core.People;

namespace CampaignBot.App.Alerts;

/// <summary>An alert as front ends show it: what failed, why, what to do, who answered, and links to act.</summary>
public sealed record AlertView
{
    public required Guid Id { get; init; }

    public required string State { get; init; }

    public required Guid CampaignId { get; init; }

    public required string Campaign { get; init; }

    /// <summary>Empty for a run that failed before reaching any destination.</summary>
    public required string Destination { get; init; }

    public required string Service { get; init; }

    public string? Failure { get; init; }

    public required string Cause { get; init; }

    public required IReadOnlyList<string> Steps { get; init; }

    public required string RunId { get; init; }

    /// <summary>The run in the API: absolute when Alerts:PublicBaseUrl is set.</summary>
    public required string RunLink { get; init; }

    public required IReadOnlyList<AlertDeliveryView> Deliveries { get; init; }

    public required long Delivered { get; init; }

    public required long Expected { get; init; }

    public required int Occurrences { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? MutedBy { get; init; }

    public DateTimeOffset? MutedUntil { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    public string? RetriedBy { get; init; }

    public DateTimeOffset? RetriedAt { get; init; }

    public DateTimeOffset? RecoveredAt { get; init; }

    public string? RecoveredBy { get; init; }

    /// <summary>What the reader may do now: acknowledge, mute, retry.</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <param name="reader">Who reads it, for <see cref="Actions"/>; null for a card everyone in a channel or mailbox sees, which lists none.</param>
    public static AlertView Of(AlertRecord alert, Person? reader, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(options);
        var actions = new List<string>();
        if (reader is not null && alert.IsOpen)
        {
            if (alert.State == AlertState.Open && Permissions.Allows(reader, Operation.AcknowledgeAlerts))
            {
                actions.Add("acknowledge");
            }

            if (Permissions.Allows(reader, Operation.MuteAlerts))
            {
                actions.Add("mute");
            }

            if (alert.Destination.Length > 0 && Permissions.Allows(reader, Operation.RetryDeliveries))
            {
                actions.Add("retry");
            }
        }

        return new AlertView
        {
            Id = alert.Id,
            State = alert.State.ToString(),
            CampaignId = alert.CampaignId,
            Campaign = alert.CampaignName,
            Destination = alert.Destination,
            Service = alert.Service,
            Failure = alert.Failure?.ToString(),
            Cause = alert.Cause,
            Steps = alert.Steps,
            RunId = alert.RunId,
            RunLink = LinkToRun(alert.RunId, options),
            Deliveries = alert.Deliveries.Select(d => new AlertDeliveryView(d.Group, d.Status, d.Delivered, d.Expected, d.Dropped, d.Error)).ToList(),
            Delivered = alert.Delivered,
            Expected = alert.Expected,
            Occurrences = alert.Occurrences,
            RaisedAt = alert.RaisedAt,
            UpdatedAt = alert.UpdatedAt,
            AcknowledgedBy = alert.AcknowledgedBy,
            AcknowledgedAt = alert.AcknowledgedAt,
            MutedBy = alert.MutedBy,
            MutedUntil = alert.MutedUntil,
            EscalatedAt = alert.EscalatedAt,
            RetriedBy = alert.RetriedBy,
            RetriedAt = alert.RetriedAt,
            RecoveredAt = alert.RecoveredAt,
            RecoveredBy = alert.RecoveredBy,
            Actions = actions,
        };
    }

    public static string LinkToRun(string runId, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Link($"api/runs/{Uri.EscapeDataString(runId)}");
    }
}

public sealed record AlertDeliveryView(string Group, string Status, long Delivered, long Expected, long Dropped, string? Error);
