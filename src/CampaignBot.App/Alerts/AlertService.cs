using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.App.Storage;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.People;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Alerts;

/// <summary>
/// Turns finished runs into alerts, one per failing (campaign, destination): raised on the first failure,
/// updated on each repeat, recovered when a run delivers there again. On-call staff acknowledge, mute or retry
/// them; an alert nobody acknowledges in time escalates. Every change goes out through each <see cref="IAlertChannel"/>.
/// </summary>
public sealed partial class AlertService(
    AppDatabase database, AlertStore alerts, CampaignStore campaigns, RunService runs, IReadOnlyList<DestinationInstance> destinations,
    IEnumerable<IAlertChannel> channels, IOptions<AlertsOptions> options, TimeProvider clock, ILogger<AlertService> logger)
{
    /// <summary>Raises, repeats or recovers the alerts of each destination the finished run delivered to.</summary>
    public async Task RunFinishedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var changes = database.Write(() => Reconcile(run));
        foreach (var (alert, change) in changes)
        {
            await PublishAsync(alert, change, cancellationToken);
        }
    }

    public ServiceResult<AlertPage> List(AlertQuery query, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<AlertPage>(Operation.ReadAlerts) is { } refused)
        {
            return refused;
        }

        var problems = query.Check(out var state);
        if (problems.HasErrors)
        {
            return new ServiceResult<AlertPage>.Invalid(problems.Items);
        }

        var (items, total) = alerts.List(state, query.Campaign, (query.Page - 1) * query.PageSize, query.PageSize);
        return new AlertPage(items.Select(a => View(a, actor.Person)).ToList(), query.Page, query.PageSize, total);
    }

    public ServiceResult<AlertView> Get(Guid id, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<AlertView>(Operation.ReadAlerts) is { } refused)
        {
            return refused;
        }

        return alerts.Get(id) is { } alert ? View(alert, actor.Person) : NotFound(id);
    }

    /// <summary>Someone is on it: recorded with who and when, and the alert is no longer escalated.</summary>
    public Task<ServiceResult<AlertView>> AcknowledgeAsync(Guid id, Actor actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, Operation.AcknowledgeAlerts, "acknowledge", AlertChange.Acknowledged, (alert, now) =>
        {
            if (alert.State == AlertState.Acknowledged)
            {
                return $"{alert.AcknowledgedBy} already acknowledged this alert.";
            }

            alert.State = AlertState.Acknowledged;
            alert.AcknowledgedBy = actor.Person.Name;
            alert.AcknowledgedAt = now;
            return null;
        });

    /// <summary>
    /// Quiet for <paramref name="hours"/>: no mail, no escalation, and a new failure of the same campaign at the same
    /// destination is recorded without telling anyone until the mute ends.
    /// </summary>
    public Task<ServiceResult<AlertView>> MuteAsync(Guid id, int hours, Actor actor, CancellationToken cancellationToken)
    {
        if (hours is < 1 or > 168)
        {
            return Task.FromResult<ServiceResult<AlertView>>(new ServiceResult<AlertView>.Invalid([new("hours", $"Mute for 1 to 168 hours, not {hours}.", CampaignBot.Core.Validation.ProblemSeverity.Error)]));
        }

        return ChangeAsync(id, actor, Operation.MuteAlerts, "mute", AlertChange.Muted, (alert, now) =>
        {
            alert.MutedBy = actor.Person.Name;
            alert.MutedUntil = now.AddHours(hours);
            return null;
        });
    }

    /// <summary>Sends the failed run's failed deliveries to this destination again, and nothing else.</summary>
    public async Task<ServiceResult<AlertView>> RetryAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // The role first, as everywhere: someone who may not retry learns nothing about which alerts exist.
        if (actor.Refusal<AlertView>(Operation.RetryDeliveries) is { } refused)
        {
            return refused;
        }

        if (alerts.Get(id) is not { } found)
        {
            return NotFound(id);
        }

        if (found.Destination.Length == 0)
        {
            return new ServiceResult<AlertView>.Conflict("This run failed before it reached any destination, so there is nothing to send again; fix the campaign instead.");
        }

        if (!found.IsOpen)
        {
            return new ServiceResult<AlertView>.Conflict($"This alert recovered {found.RecoveredAt:yyyy-MM-dd HH:mm} UTC; there is nothing to retry.");
        }

        var retried = runs.Retry(found.RunId, actor, found.Destination);
        if (retried is not ServiceResult<RunView>.Ok)
        {
            return retried.Select(_ => View(found, actor.Person));
        }

        return await ChangeAsync(id, actor, Operation.RetryDeliveries, "retry", AlertChange.Retried, (alert, now) =>
        {
            alert.RetriedBy = actor.Person.Name;
            alert.RetriedAt = now;
            return null;
        });
    }

    /// <summary>
    /// Tells on-call staff about alerts raised while muted whose mute has ended, and escalates those nobody
    /// acknowledged in time. Run by <see cref="AlertEscalator"/> every Alerts:CheckIntervalSeconds.
    /// </summary>
    public async Task CheckOpenAlertsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var after = options.Value.EscalateAfter;
        foreach (var open in alerts.Open())
        {
            var change = !open.Announced && !open.IsMuted(now) ? AlertChange.Raised
                : open.EscalationDue(now, after) ? AlertChange.Escalated
                : (AlertChange?)null;
            if (change is null)
            {
                continue;
            }

            var saved = database.Write(() =>
            {
                if (alerts.Get(open.Id) is not { } alert || alert.Version != open.Version)
                {
                    return null; // Someone acted on it meanwhile; the next check sees the new state.
                }

                if (change == AlertChange.Raised)
                {
                    alert.Announced = true;
                }
                else
                {
                    alert.EscalatedAt = now;
                }

                alert.UpdatedAt = now;
                return alerts.TryUpdate(alert, alert.Version) ? alert : null;
            });
            if (saved is not null)
            {
                await PublishAsync(saved, change.Value, cancellationToken);
            }
        }
    }

    private List<(AlertRecord Alert, AlertChange Change)> Reconcile(RunRecord run)
    {
        var now = clock.GetUtcNow();
        var changes = new List<(AlertRecord, AlertChange)>();
        var authorId = campaigns.Get(run.CampaignId)?.AuthorId ?? "";
        if (run.Deliveries.Count == 0)
        {
            if (run.Status == RunStatus.Failed)
            {
                var advice = AlertAdvice.ForRun(run);
                changes.AddRange(Fail(run, "", "CampaignBot", authorId, null, advice, [], $"{run.Id}|{run.Attempts}", now));
            }

            return changes;
        }

        changes.AddRange(Recover(run, "", now));
        foreach (var destination in run.Deliveries.GroupBy(d => d.Destination, StringComparer.OrdinalIgnoreCase))
        {
            var failed = destination.Where(d => d.Status == DeliveryStatus.Failed).ToList();
            if (failed.Count == 0)
            {
                if (destination.All(d => d.Status == DeliveryStatus.Delivered))
                {
                    changes.AddRange(Recover(run, destination.Key, now));
                }

                continue;
            }

            var instance = destinations.FirstOrDefault(d => string.Equals(d.Name, destination.Key, StringComparison.OrdinalIgnoreCase));
            var (kind, advice) = AlertAdvice.For(failed, instance);
            var deliveries = destination.Select(d => Delivery(run, d)).ToList();
            var signature = $"{run.Id}|{string.Join(',', failed.Select(d => $"{d.Key}#{d.Attempts}"))}";
            changes.AddRange(Fail(run, destination.Key, instance?.Descriptor.DisplayName ?? destination.Key, authorId, kind, advice, deliveries, signature, now));
        }

        return changes;
    }

    private IEnumerable<(AlertRecord, AlertChange)> Fail(
        RunRecord run, string destination, string service, string authorId, Delivery.Connectors.FailureKind? kind, Delivery.Connectors.FailureAdvice advice,
        List<AlertDelivery> deliveries, string signature, DateTimeOffset now)
    {
        var open = alerts.OpenFor(run.CampaignId, destination);
        if (open?.Signature == signature)
        {
            yield break; // The run finished again for another destination's retry; nothing new failed here.
        }

        var alert = open ?? new AlertRecord
        {
            Id = Guid.NewGuid(),
            CampaignId = run.CampaignId,
            Destination = destination,
            State = AlertState.Open,
            RaisedAt = now,
        };

        // A mute is about the campaign and destination, so it carries over to an alert raised after a recovery.
        if (open is null && alerts.LatestFor(run.CampaignId, destination) is { } previous && previous.IsMuted(now))
        {
            alert.MutedBy = previous.MutedBy;
            alert.MutedUntil = previous.MutedUntil;
        }

        alert.CampaignName = run.CampaignName;
        alert.AuthorId = authorId;
        alert.Service = service;
        alert.Failure = kind;
        alert.Cause = advice.Cause;
        alert.Steps = [.. advice.Steps];
        alert.RunId = run.Id;
        alert.RunSlot = run.Slot;
        alert.Deliveries = deliveries;
        alert.Signature = signature;
        alert.Occurrences++;
        alert.UpdatedAt = now;
        if (open is null)
        {
            alert.Announced = !alert.IsMuted(now);
            alerts.Insert(alert);
            if (alert.Announced)
            {
                yield return (alert, AlertChange.Raised);
            }
        }
        else if (alerts.TryUpdate(alert, alert.Version) && alert.Announced)
        {
            yield return (alert, AlertChange.Repeated);
        }
    }

    private IEnumerable<(AlertRecord, AlertChange)> Recover(RunRecord run, string destination, DateTimeOffset now)
    {
        if (alerts.OpenFor(run.CampaignId, destination) is not { } alert)
        {
            yield break;
        }

        alert.State = AlertState.Recovered;
        alert.RecoveredAt = now;
        alert.RecoveredBy = run.Id;
        alert.UpdatedAt = now;
        if (alerts.TryUpdate(alert, alert.Version) && alert.Announced)
        {
            yield return (alert, AlertChange.Recovered);
        }
    }

    private static AlertDelivery Delivery(RunRecord run, DeliveryRecord delivery) => new()
    {
        Key = delivery.Key,
        Group = delivery.GroupName,
        Status = delivery.Status.ToString(),
        Delivered = delivery.Rows,
        Expected = run.Groups.FirstOrDefault(g => g.SubAudience == delivery.SubAudience && g.Group == delivery.Group)?.Members ?? 0,
        Dropped = delivery.Dropped.Values.Sum(),
        Error = delivery.Error,
    };

    private async Task<ServiceResult<AlertView>> ChangeAsync(
        Guid id, Actor actor, Operation operation, string verb, AlertChange change, Func<AlertRecord, DateTimeOffset, string?> apply)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<AlertView>(operation) is { } refused)
        {
            return refused;
        }

        var result = database.Write<ServiceResult<AlertRecord>>(() =>
        {
            if (alerts.Get(id) is not { } alert)
            {
                return new ServiceResult<AlertRecord>.NotFound($"There is no alert {id}.");
            }

            if (!alert.IsOpen)
            {
                return new ServiceResult<AlertRecord>.Conflict($"This alert recovered {alert.RecoveredAt:yyyy-MM-dd HH:mm} UTC; there is nothing left to {verb}.");
            }

            var now = clock.GetUtcNow();
            if (apply(alert, now) is { } refusal)
            {
                return new ServiceResult<AlertRecord>.Conflict(refusal);
            }

            alert.UpdatedAt = now;
            return alerts.TryUpdate(alert, alert.Version)
                ? alert
                : new ServiceResult<AlertRecord>.Stale("Someone changed this alert at the same moment; look at it again and retry if still needed.");
        });
        if (result is ServiceResult<AlertRecord>.Ok { Value: var saved })
        {
            LogAnswered(saved.Id, change.ToString(), actor.Person.Id);
            await PublishAsync(saved, change, CancellationToken.None);
        }

        return result.Select(a => View(a, actor.Person));
    }

    private async Task PublishAsync(AlertRecord alert, AlertChange change, CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            try
            {
                await channel.PublishAsync(alert, change, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogChannelFailed(e, channel.GetType().Name, alert.Id, change.ToString());
            }
        }
    }

    private AlertView View(AlertRecord alert, Person reader) => AlertView.Of(alert, reader, options.Value);

    private static ServiceResult<AlertView>.NotFound NotFound(Guid id) => new($"There is no alert {id}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId}: {Change} by {Person}")]
    private partial void LogAnswered(Guid alertId, string change, string person);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Channel} alert channel could not publish {Change} of alert {AlertId}")]
    private partial void LogChannelFailed(Exception error, string channel, Guid alertId, string change);
}
