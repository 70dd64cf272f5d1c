using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Text;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.Lists;

namespace CampaignBot.Delivery.Connectors.Listrak;

/// <summary>
/// Adds each batch to the Listrak email list named after the campaign and group: finds the list (creating it
/// once), makes sure the "CampaignBot Message Attributes" profile field group holds a text field per attribute
/// sent besides the email (each created once), then sends the batch as one list import and polls it until
/// Listrak has processed it. Credentials: ClientId and ClientSecret of an Email integration, exchanged for
/// bearer tokens (OAuth2 client credentials).
/// </summary>
public sealed class ListrakConnector : IDestinationConnector, IRemovesMembers
{
    public const string DefaultEndpoint = "https://api.listrak.com/email";

    public const string DefaultTokenEndpoint = "https://auth.listrak.com/OAuth2/Token";

    /// <summary>The profile field group that holds the attributes CampaignBot sends, like Amperity's "Amperity Message Attributes".</summary>
    public const string FieldGroupName = "CampaignBot Message Attributes";

    private const string Service = "Listrak";
    private readonly DestinationHttpClient _http;
    private readonly ListrakResources _resources;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _pollInterval;
    private readonly string _emailField;
    private readonly NamedListIds _listIds;
    private readonly ConcurrentDictionary<(string List, string Field), string> _fieldIds = new();
    private readonly SemaphoreSlim _fieldGate = new(1, 1);

    public ListrakConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        InstanceChecks.RequireKind(instance, DestinationKind.Listrak);

        Instance = instance;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _emailField = instance.Descriptor.FieldNames.GetValueOrDefault("email", "email");

        // Imports take Listrak a while; destinations.md §8 suggests polling every 5 to 30 s.
        _pollInterval = instance.PollInterval ?? TimeSpan.FromSeconds(5);
        var settings = HttpConnectorSettings.For(instance, DefaultEndpoint);

        // Tokens come from auth.listrak.com; a configured Endpoint (a proxy, a test double) serves them itself.
        var tokenEndpoint = string.IsNullOrWhiteSpace(instance.Endpoint) ? new Uri(DefaultTokenEndpoint) : new Uri(settings.BaseAddress, "OAuth2/Token");
        Tokens = new ClientCredentialsTokenSource(tokenEndpoint,
            InstanceChecks.Credential(instance, credentials, DestinationCredentials.ClientId), InstanceChecks.Credential(instance, credentials, DestinationCredentials.ClientSecret), clock);

        // Listrak publishes no rate limit (destinations.md §3); 5 calls a second is the conservative default of §8.
        CallLimits = [new RateWindow(instance.RequestsPerSecond ?? 5, TimeSpan.FromSeconds(1))];
        var transport = new BearerTokenHandler(Tokens) { InnerHandler = handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } };
        _http = new DestinationHttpClient(Service, settings, ListrakResponses.ClassifyAsync, clock, transport);
        _resources = new ListrakResources(_http, new RequestPacer(CallLimits, clock));
        _listIds = new NamedListIds(FindListAsync, CreateListAsync);
    }

    public DestinationInstance Instance { get; }

    public IReadOnlyList<RateWindow> CallLimits { get; }

    /// <summary>The integration's tokens, kept for the life of the connector.</summary>
    public ClientCredentialsTokenSource Tokens { get; }

    public static string Reference(string listId) => $"listrak list {listId}";

    /// <summary>Idempotent per batch: importing subscribers a list already holds only updates their profile fields.</summary>
    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (IndexOf(batch.Target.Fields, _emailField) is not { } email)
        {
            return new BatchOutcome.Permanent($"Listrak needs the {_emailField} column; the campaign sends {string.Join(", ", batch.Target.Fields)}.", FailureKind.Configuration);
        }

        var list = await _listIds.EnsureAsync(batch.Target, cancellationToken).ConfigureAwait(false);
        if (list.Failure is not null)
        {
            return list.Failure;
        }

        var attributes = batch.Target.Fields.Where((_, i) => i != email).ToList();
        var fields = await EnsureFieldsAsync(list.Id!, attributes, cancellationToken).ConfigureAwait(false);
        if (fields.Failure is not null)
        {
            return fields.Failure;
        }

        var importType = attributes.Count == 0 ? ListrakImportFile.AddSubscribers : ListrakImportFile.AddSubscribersAndSegmentationData;
        return await ImportAsync(batch, list.Id!, batch.Target.Fields, email, fields.Ids!, importType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the batch's emails from the list; a list never made holds nobody to remove.</summary>
    public async Task<BatchOutcome> RemoveAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (IndexOf(batch.Target.Fields, _emailField) is not { } email)
        {
            return new BatchOutcome.Permanent($"Listrak needs the {_emailField} column to remove contacts.", FailureKind.Configuration);
        }

        var emails = batch.Rows.Select(r => new[] { email < r.Length ? r[email] : null }).ToList();
        var only = new DeliveryBatch(batch.Target, batch.Sequence, emails);
        return await _listIds.RemoveFromAsync(
            batch, (listId, ct) => ImportAsync(only, listId, [_emailField], 0, new Dictionary<string, string>(), ListrakImportFile.RemoveSubscribers, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Listrak keeps each import's summary with the list; returns the list's address, or null when none was ever made.</summary>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var found = await FindListAsync(target.ListName, cancellationToken).ConfigureAwait(false);
        return found.IdForCompletion($"the Listrak list {target.ListName}") is { } id ? new Uri(_http.BaseAddress, $"v1/List/{id}").ToString() : null;
    }

    private async Task<BatchOutcome> ImportAsync(DeliveryBatch batch, string listId, IReadOnlyList<string> header, int email, IReadOnlyDictionary<string, string> fieldIds,
        string importType, CancellationToken cancellationToken)
    {
        // A row without an email cannot be a contact; it is counted as rejected rather than sent.
        var rows = batch.Rows.Where(r => email < r.Length && !string.IsNullOrWhiteSpace(r[email])).ToList();
        var skipped = batch.Rows.Count - rows.Count;
        if (rows.Count == 0)
        {
            return new BatchOutcome.Permanent($"None of the {Counted.Of(batch.Rows.Count, "row")} has an email address for Listrak.", FailureKind.InvalidData);
        }

        var file = ListrakImportFile.For($"campaignbot-{batch.Target.RunId}-{batch.Sequence}.csv", header, rows, email, fieldIds, importType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/List/{listId}/ListImport") { Content = JsonContent.Create(file.Body()) };

        // Adding or removing subscribers is a set operation, so a retried import changes nothing twice.
        var answer = await _resources.SendAsync(request, repeatable: true, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return answer.Failure!;
        }

        string importId;
        using (response)
        using (var created = await ListrakResources.ReadAsync(response, cancellationToken).ConfigureAwait(false))
        {
            importId = ListrakResources.IdOf(created.RootElement, "resourceId") ?? throw new InvalidDataException("Listrak accepted an import without a resourceId.");
        }

        var failed = await AwaitImportAsync(listId, importId, cancellationToken).ConfigureAwait(false);
        if (failed.Failure is not null)
        {
            return failed.Failure;
        }

        var rejected = skipped + failed.Count;
        var verb = importType == ListrakImportFile.RemoveSubscribers ? "remove" : "import";
        return rejected switch
        {
            0 => new BatchOutcome.Delivered(batch.Rows.Count, Reference(listId)),
            _ when rejected >= batch.Rows.Count => new BatchOutcome.Permanent($"Listrak could {verb} none of the {Counted.Of(batch.Rows.Count, "contact")}; check the email addresses.", FailureKind.InvalidData),
            _ => new BatchOutcome.PartiallyRejected(batch.Rows.Count - rejected, rejected, $"Listrak could not {verb} {rejected} of {Counted.Of(batch.Rows.Count, "contact")} (missing or invalid email)."),
        };
    }

    private async Task<(int Count, BatchOutcome? Failure)> AwaitImportAsync(string listId, string importId, CancellationToken cancellationToken)
    {
        // Imports of 100,000 contacts usually finish within minutes; beyond an hour, hand the batch back.
        var giveUpAt = _clock.GetUtcNow() + TimeSpan.FromHours(1);
        var path = $"v1/List/{listId}/ListImport/{Uri.EscapeDataString(importId)}";
        while (true)
        {
            await Task.Delay(_pollInterval, _clock, cancellationToken).ConfigureAwait(false);
            using var status = await _resources.GetAsync($"{path}/Status", cancellationToken).ConfigureAwait(false);
            if (status.Failure is not null)
            {
                return (0, status.Failure);
            }

            var state = status.Data.TryGetProperty("importStatus", out var s) ? s.GetString() : null;
            if (state is "Failed" or "Error")
            {
                return (0, new BatchOutcome.Transient($"Listrak could not process import {importId} for list {listId}.", null, FailureKind.ServiceDown));
            }

            if (state is "Complete" or "Completed")
            {
                break;
            }

            if (_clock.GetUtcNow() > giveUpAt)
            {
                return (0, new BatchOutcome.Transient($"Listrak had not finished import {importId} for list {listId} after an hour.", _pollInterval, FailureKind.ServiceDown));
            }
        }

        using var summary = await _resources.GetAsync($"{path}/Summary", cancellationToken).ConfigureAwait(false);
        return summary.Failure is not null ? (0, summary.Failure)
            : (summary.Data.TryGetProperty("failedCount", out var failed) && failed.TryGetInt32(out var count) ? count : 0, null);
    }

    private Task<NameLookup> FindListAsync(string name, CancellationToken cancellationToken) =>
        _resources.FindAsync("v1/List", "listId", "listName", name, cancellationToken);

    // Standard bounce handling unsubscribes an address after repeated hard bounces.
    private Task<NameLookup> CreateListAsync(DeliveryTarget target, CancellationToken cancellationToken) =>
        _resources.CreateAsync("v1/List", "listName", target.ListName,
            new { listName = target.ListName, bounceHandling = "Standard", bounceUnsubscribeCount = 3 }, cancellationToken);

    private async Task<(IReadOnlyDictionary<string, string>? Ids, BatchOutcome? Failure)> EnsureFieldsAsync(string listId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.All(n => _fieldIds.ContainsKey((listId, n))))
        {
            return (names.ToDictionary(n => n, n => _fieldIds[(listId, n)]), null);
        }

        // One creator at a time, so two batches with new attributes cannot both create a field.
        await _fieldGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var group = await _resources.FindOrCreateAsync($"v1/List/{listId}/SegmentationFieldGroup", "segmentationFieldGroupId", "segmentationFieldGroupName", FieldGroupName,
                new { segmentationFieldGroupName = FieldGroupName, position = 1 }, cancellationToken).ConfigureAwait(false);
            if (group.Id is null)
            {
                return (null, group.Failure);
            }

            foreach (var name in names.Where(n => !_fieldIds.ContainsKey((listId, n))))
            {
                var field = await _resources.FindOrCreateAsync($"v1/List/{listId}/SegmentationFieldGroup/{group.Id}/SegmentationField", "segmentationFieldId", "segmentationFieldName", name,
                    new { segmentationFieldName = name, dataType = "Text" }, cancellationToken).ConfigureAwait(false);
                if (field.Id is null)
                {
                    return (null, field.Failure);
                }

                _fieldIds[(listId, name)] = field.Id;
            }

            return (names.ToDictionary(n => n, n => _fieldIds[(listId, n)]), null);
        }
        finally
        {
            _fieldGate.Release();
        }
    }

    private static int? IndexOf(IReadOnlyList<string> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }

}
