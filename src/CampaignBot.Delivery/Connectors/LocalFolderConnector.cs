using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Files;

namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// The local-folder destination (the embedded default, data/outbox/): each batch becomes one CSV part
/// under {location}/{campaign}/{run}/, and the manifest naming every part is written last, so a reader
/// that finds the manifest can trust each part it lists. Names and formats are <see cref="FileDrop"/>'s.
/// </summary>
public sealed class LocalFolderConnector : IDestinationConnector
{
    public const string DefaultLocation = "data/outbox";
    public const string ManifestSuffix = FileDrop.ManifestSuffix;
    private readonly string _root;

    /// <param name="contentRoot">The folder a relative <see cref="DestinationInstance.Location"/> is resolved against.</param>
    public LocalFolderConnector(DestinationInstance instance, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(instance);
        InstanceChecks.RequireKind(instance, DestinationKind.LocalFolder);

        Instance = instance;
        _root = Path.GetFullPath(string.IsNullOrWhiteSpace(instance.Location) ? DefaultLocation : instance.Location, contentRoot);
    }

    public DestinationInstance Instance { get; }

    /// <summary>The folder a target's parts and manifest are written to.</summary>
    public string FolderOf(DeliveryTarget target) => Path.Combine(_root, FileDrop.FolderOf(target));

    /// <summary>The part's file name without extension: "{list}.part-00001".</summary>
    public static string PartName(DeliveryTarget target, int sequence) => FileDrop.PartName(target, sequence);

    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        if (FileDrop.Refusal(batch) is { } refusal)
        {
            return refusal;
        }

        var folder = FolderOf(batch.Target);
        try
        {
            var file = await FileDrop.WritePartAsync(folder, batch, Instance.Gzip, cancellationToken).ConfigureAwait(false);
            return new BatchOutcome.Delivered(batch.Rows.Count, FileDrop.Reference(file));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or PathTooLongException)
        {
            return new BatchOutcome.Permanent($"Cannot write to {folder}: {e.Message}", FailureKind.Permission);
        }
        catch (IOException) when (BlockingFile(folder) is { } file)
        {
            return new BatchOutcome.Permanent(
                $"Destination '{Instance.Name}' writes under {Instance.Location}, but {file} is a file, not a folder.", FailureKind.Configuration);
        }
        catch (IOException e)
        {
            // A full disk or a file held open by a reader may clear; the pipeline retries.
            return new BatchOutcome.Transient($"Writing to {folder} failed: {e.Message}", RetryAfter: null);
        }
    }

    // The first path on the way to the folder that exists as a file, which no retry will fix.
    private static string? BlockingFile(string folder)
    {
        for (var path = folder; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Writes "{list}.manifest.json" naming every part with its rows, bytes and SHA-256, and returns its path.</summary>
    /// <exception cref="InvalidOperationException">A part is missing or is not the file its batch delivered.</exception>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batches);
        var folder = FolderOf(target);
        var parts = new List<Export.ExportFile>();
        foreach (var batch in batches.OrderBy(b => b.Sequence))
        {
            // The reference is what the pipeline recorded when the batch was delivered; the file on disk must still match it.
            var part = FileDrop.PartOf(target, batch, Instance.Gzip);
            var file = new FileInfo(Path.Combine(folder, part.Name));
            if (!file.Exists || file.Length != part.Bytes)
            {
                throw FileDrop.ChangedPart(target, part, batch.Sequence);
            }

            parts.Add(part);
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileDrop.ManifestName(target));
        await FileDrop.Manifest(Instance, target, parts, dropped).WriteAsync(path, cancellationToken).ConfigureAwait(false);
        return path;
    }
}
