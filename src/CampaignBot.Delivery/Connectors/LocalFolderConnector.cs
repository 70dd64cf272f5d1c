using System.Globalization;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Export;

namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// The local-folder destination (the embedded default, data/outbox/): each batch becomes one CSV part
/// under {location}/{campaign}/{run}/, and the manifest naming every part is written last, so a reader
/// that finds the manifest can trust each part it lists.
/// </summary>
public sealed class LocalFolderConnector : IDestinationConnector
{
    public const string DefaultLocation = "data/outbox";
    public const string ManifestSuffix = ".manifest.json";
    private const string ShaLabel = " sha256:";
    private const string BytesLabel = " bytes:";
    private readonly string _root;

    /// <param name="contentRoot">The folder a relative <see cref="DestinationInstance.Location"/> is resolved against.</param>
    public LocalFolderConnector(DestinationInstance instance, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Kind != DestinationKind.LocalFolder)
        {
            throw new ArgumentException($"Destination '{instance.Name}' is {instance.Descriptor.DisplayName}, not a local folder.", nameof(instance));
        }

        Instance = instance;
        _root = Path.GetFullPath(string.IsNullOrWhiteSpace(instance.Location) ? DefaultLocation : instance.Location, contentRoot);
    }

    public DestinationInstance Instance { get; }

    /// <summary>The folder a target's parts and manifest are written to.</summary>
    public string FolderOf(DeliveryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Path.Combine(_root, ListNames.Slug(target.Campaign), ListNames.Slug(target.RunId));
    }

    /// <summary>The part's file name without extension: "{list}.part-00001".</summary>
    public static string PartName(DeliveryTarget target, int sequence)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{target.ListName}.part-{sequence.ToString("D5", CultureInfo.InvariantCulture)}";
    }

    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.Sequence, 1);
        var target = batch.Target;
        if (batch.Rows.FirstOrDefault(r => r.Length != target.Fields.Count) is { } misshapen)
        {
            throw new ArgumentException($"A row has {misshapen.Length} values for {target.Fields.Count} fields; rows must be shaped for the target.", nameof(batch));
        }

        if (!IsFileName(target.ListName))
        {
            return new BatchOutcome.Permanent($"The list name '{target.ListName}' cannot be used as a file name.", FailureKind.Configuration);
        }

        try
        {
            var file = await CsvFile.WriteAsync(
                FolderOf(target), PartName(target, batch.Sequence), Instance.Gzip, target.Fields,
                async (csv, token) =>
                {
                    foreach (var row in batch.Rows)
                    {
                        await CsvFile.WriteValuesAsync(csv, row, token).ConfigureAwait(false);
                    }

                    return batch.Rows.Count;
                },
                cancellationToken).ConfigureAwait(false);
            return new BatchOutcome.Delivered(batch.Rows.Count, $"{file.Name}{ShaLabel}{file.Sha256}{BytesLabel}{file.Bytes.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or PathTooLongException)
        {
            return new BatchOutcome.Permanent($"Cannot write to {FolderOf(target)}: {e.Message}", FailureKind.Permission);
        }
        catch (IOException e)
        {
            // A full disk or a file held open by a reader may clear; the pipeline retries.
            return new BatchOutcome.Transient($"Writing to {FolderOf(target)} failed: {e.Message}", RetryAfter: null);
        }
    }

    /// <summary>Writes "{list}.manifest.json" naming every part with its rows, bytes and SHA-256, and returns its path.</summary>
    /// <exception cref="InvalidOperationException">A part is missing or is not the file its batch delivered.</exception>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batches);
        var folder = FolderOf(target);
        var manifest = new ExportManifest
        {
            Campaign = target.Campaign,
            CampaignId = target.CampaignId,
            Group = target.Group,
            Destination = Instance.Name,
            RunId = target.RunId,
            CreatedAt = target.CreatedAt,
            Files = batches.OrderBy(b => b.Sequence).Select(b => PartOf(folder, target, b)).ToList(),
            Dropped = dropped,
        };
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, target.ListName + ManifestSuffix);
        await manifest.WriteAsync(path, cancellationToken).ConfigureAwait(false);
        return path;
    }

    // The reference is what the pipeline recorded when the batch was delivered; the file on disk must still match it.
    private ExportFile PartOf(string folder, DeliveryTarget target, DeliveredBatch batch)
    {
        var reference = batch.Reference ?? "";
        var sha = reference.LastIndexOf(ShaLabel, StringComparison.Ordinal);
        var size = reference.LastIndexOf(BytesLabel, StringComparison.Ordinal);
        var expected = PartName(target, batch.Sequence) + (Instance.Gzip ? ".csv.gz" : ".csv");
        if (sha < 0 || size < sha || reference[..sha] != expected
            || !long.TryParse(reference[(size + BytesLabel.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            throw new InvalidOperationException($"Batch {batch.Sequence} of {target.ListName} has reference '{reference}', not one this folder wrote for it ({expected}).");
        }

        var file = new FileInfo(Path.Combine(folder, expected));
        if (!file.Exists || file.Length != bytes)
        {
            throw new InvalidOperationException($"Part {expected} of {target.ListName} is missing or changed since it was delivered; deliver batch {batch.Sequence} again.");
        }

        return new ExportFile(expected, batch.Rows, bytes, reference[(sha + ShaLabel.Length)..size]);
    }

    private static bool IsFileName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name is not "." and not ".." && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name.IndexOfAny(['/', '\\']) < 0;
}
