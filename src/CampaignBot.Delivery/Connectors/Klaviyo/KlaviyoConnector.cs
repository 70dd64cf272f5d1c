using System.Collections.Concurrent;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Text;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.Lists;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// Adds each batch to the Klaviyo list named after the campaign and group: finds the list by name (creating
/// it once), then sends the rows as profile bulk import jobs with the list as their relationship. A batch is
/// done once Klaviyo has accepted its jobs; they are followed to their end in the background, and completing
/// the target waits for the last of them and keeps the profiles they imported for <see cref="CountDeliveredAsync"/>.
/// Customers who left the group are removed by profile id (<see cref="RemoveAsync"/>).
/// Credentials: ApiKey (a private key with lists:write and profiles:write; removal also reads profiles).
/// </summary>
public sealed class KlaviyoConnector : IDestinationConnector, IVerifiesDelivery, IRemovesMembers
{
    public const string DefaultEndpoint = "https://a.klaviyo.com";
    public const string DefaultRevision = "2025-10-15";
    private const string ListMarker = "klaviyo list ";
    private const string JobsMarker = " jobs ";
    private readonly KlaviyoApi _api;
    private readonly NamedListIds _lists;
    private readonly KlaviyoJobTracker _jobs;
    private readonly KlaviyoMembers _members;

    // Klaviyo limits each endpoint separately (developers.klaviyo.com rate limits); the bulk tier is the account's.
    private readonly RequestPacer _imports;

    // One connector serves every run of its instance at once, so what a completion found is kept per delivery.
    private readonly ConcurrentDictionary<(string RunId, string ListName), long> _imported = new();

    public KlaviyoConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(clock);
        InstanceChecks.RequireKind(instance, DestinationKind.Klaviyo);

        Instance = instance;
        var apiKey = InstanceChecks.Credential(instance, credentials, DestinationCredentials.ApiKey);
        UploadLimits = [new RateWindow(instance.RequestsPerSecond ?? 10, TimeSpan.FromSeconds(1)), new RateWindow(instance.RequestsPerMinute ?? 150, TimeSpan.FromMinutes(1))];
        _api = new KlaviyoApi(instance, apiKey, instance.ApiVersion ?? DefaultRevision, clock, handler);
        var lists = new KlaviyoLists(_api, clock);
        _lists = new NamedListIds(lists.FindAsync, lists.CreateAsync);
        _imports = new RequestPacer(UploadLimits, clock);
        _jobs = new KlaviyoJobTracker(_api, UploadLimits, instance.PollInterval ?? TimeSpan.FromSeconds(2), clock);
        _members = new KlaviyoMembers(_api, clock);
    }

    public DestinationInstance Instance { get; }

    /// <summary>The limits of the bulk import endpoints this instance keeps to (its account's tier).</summary>
    public IReadOnlyList<RateWindow> UploadLimits { get; }

    /// <summary>A batch's reference: its list and every import job it was split into, for the completion to wait for.</summary>
    public static string Reference(string listId, IEnumerable<string> jobIds) => $"{ListMarker}{listId}{JobsMarker}{string.Join(',', jobIds)}";

    /// <summary>The job ids a batch's reference (or a partial batch's reason, which starts with it) names.</summary>
    public static IReadOnlyList<string> JobIds(string? reference)
    {
        var at = reference?.IndexOf(JobsMarker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return [];
        }

        var ids = reference![(at + JobsMarker.Length)..];
        var end = ids.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? ids : ids[..end]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// Idempotent per batch without any bookkeeping: a bulk import is an upsert keyed on the profile's email,
    /// phone or external id, and list membership is a set, so sending a batch again (after a timeout, a crash
    /// or a partial split) updates the same profiles and adds no one twice.
    /// </summary>
    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var list = await _lists.EnsureAsync(batch.Target, cancellationToken).ConfigureAwait(false);
        if (list.Failure is { } failure)
        {
            return failure;
        }

        using var profiles = new KlaviyoProfiles(batch.Target.Fields, list.Id!);
        var jobIds = new List<string>(1);
        foreach (var job in profiles.Jobs(batch.Rows))
        {
            using var accepted = await _api.SendAsync(HttpMethod.Post, "api/profile-bulk-import-jobs", job.Json, _imports, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (accepted.Body is not { } created)
            {
                return accepted.Failure!;
            }

            // An accepted job is durable: Klaviyo runs it to the end while the next batches go out.
            var jobId = created.RootElement.GetProperty("data").GetProperty("id").GetString()!;
            _ = _jobs.FollowAsync(jobId);
            jobIds.Add(jobId);
        }

        var oversized = profiles.Oversized;
        var reference = Reference(list.Id!, jobIds);
        return oversized switch
        {
            0 => new BatchOutcome.Delivered(batch.Rows.Count, reference),
            _ when jobIds.Count == 0 => new BatchOutcome.Permanent((batch.Rows.Count == 1 ? "The profile is over Klaviyo's 100 KB limit; it was not sent." : $"All {batch.Rows.Count} profiles are over Klaviyo's 100 KB limit; none was sent."), FailureKind.InvalidData),

            // The run keeps a partial batch's reason as its reference, so the reason starts with the jobs to wait for.
            _ => new BatchOutcome.PartiallyRejected(batch.Rows.Count - oversized, oversized,
                $"{reference}; {oversized} of {Counted.Of(batch.Rows.Count, "profile")} {(oversized == 1 ? "is" : "are")} over Klaviyo's 100 KB limit and {(oversized == 1 ? "was" : "were")} not sent."),
        };
    }

    /// <summary>
    /// Removes the batch's profiles from the list, found by the rows' external id, email or phone number (Klaviyo
    /// removes members by profile id). A list never made holds nobody, so nothing is sent but the list lookup.
    /// </summary>
    public async Task<BatchOutcome> RemoveAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var identifiers = KlaviyoMembers.IdentifierColumns(batch.Target.Fields);
        if (identifiers.Count == 0)
        {
            return new BatchOutcome.Permanent("Klaviyo needs an external_id, email or phone_number column to find the profiles to remove.", FailureKind.Configuration);
        }

        return await _lists.RemoveFromAsync(batch, async (listId, ct) =>
            await _members.RemoveAsync(listId, identifiers, batch.Rows, ct).ConfigureAwait(false) ?? new BatchOutcome.Delivered(batch.Rows.Count, ListMarker + listId),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until every job the batches name has ended and keeps the profiles they imported for
    /// <see cref="CountDeliveredAsync"/>: a cancelled, unreadable or unfinished job adds only what it imported, so
    /// the run sees the shortfall instead of an error. Returns where the list is, or null when none was ever made.
    /// </summary>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batches);
        var jobIds = batches.SelectMany(b => JobIds(b.Reference)).Distinct(StringComparer.Ordinal).ToList();

        // Batches recorded without job ids were polled to completion when they were sent, by an earlier version.
        long imported = batches.Where(b => JobIds(b.Reference).Count == 0).Sum(b => (long)b.Rows);
        var ended = await Task.WhenAll(jobIds.Select(_jobs.FollowAsync)).WaitAsync(cancellationToken).ConfigureAwait(false);
        _jobs.Forget(jobIds);
        _imported[(target.RunId, target.ListName)] = imported + ended.Sum(j => j.Imported);

        var listId = batches.Select(b => ListIdOf(b.Reference)).FirstOrDefault(id => id is not null) ?? _lists.Known(target.ListName);
        return listId is null ? null : new Uri(_api.BaseAddress, $"api/lists/{listId}").ToString();
    }

    /// <summary>The profiles the target's jobs imported, once <see cref="CompleteAsync"/> has waited for them; read once.</summary>
    public Task<long?> CountDeliveredAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);

        // Removed on reading so a long-lived shared connector does not keep every delivery it ever completed.
        return Task.FromResult(_imported.TryRemove((target.RunId, target.ListName), out var imported) ? imported : (long?)null);
    }

    private static string? ListIdOf(string? reference)
    {
        if (reference is null || !reference.StartsWith(ListMarker, StringComparison.Ordinal))
        {
            return null;
        }

        var id = reference[ListMarker.Length..];
        var end = id.IndexOfAny([' ', ';']);
        return end < 0 ? id : id[..end];
    }
}
