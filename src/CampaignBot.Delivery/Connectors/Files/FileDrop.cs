using System.Globalization;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Export;

namespace CampaignBot.Delivery.Connectors.Files;

/// <summary>
/// What every file destination shares, so a folder, a bucket and an SFTP server hold the same names and
/// bytes: each batch is one CSV part "{campaign}/{run}/{list}.part-00001.csv[.gz]", a delivered batch's
/// reference is "{file} sha256:{hex} bytes:{n}", and "{list}.manifest.json" names every part, last.
/// </summary>
public static class FileDrop
{
    public const string ManifestSuffix = ".manifest.json";
    private const string ShaLabel = " sha256:";
    private const string BytesLabel = " bytes:";

    /// <summary>The folder of a target's files below the destination's root: "{slug campaign}/{slug run}".</summary>
    public static string FolderOf(DeliveryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{ListNames.Slug(target.Campaign)}/{ListNames.Slug(target.RunId)}";
    }

    /// <summary>The part's file name without extension: "{list}.part-00001".</summary>
    public static string PartName(DeliveryTarget target, int sequence)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{target.ListName}.part-{sequence.ToString("D5", CultureInfo.InvariantCulture)}";
    }

    public static string PartFileName(DeliveryTarget target, int sequence, bool gzip) => PartName(target, sequence) + (gzip ? ".csv.gz" : ".csv");

    public static string ManifestName(DeliveryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.ListName + ManifestSuffix;
    }

    /// <summary>Why the batch cannot become a file, or null; rows of the wrong shape are a caller's bug and throw.</summary>
    public static BatchOutcome.Permanent? Refusal(DeliveryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.Sequence, 1);
        var target = batch.Target;
        if (batch.Rows.FirstOrDefault(r => r.Length != target.Fields.Count) is { } misshapen)
        {
            throw new ArgumentException($"A row has {misshapen.Length} values for {target.Fields.Count} fields; rows must be shaped for the target.", nameof(batch));
        }

        return IsFileName(target.ListName)
            ? null
            : new BatchOutcome.Permanent($"The list name '{target.ListName}' cannot be used as a file name.", FailureKind.Configuration);
    }

    /// <summary>Writes the batch as its CSV part into <paramref name="folder"/> (atomically, hashed as it is written).</summary>
    public static Task<ExportFile> WritePartAsync(string folder, DeliveryBatch batch, bool gzip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return CsvFile.WriteAsync(
            folder, PartName(batch.Target, batch.Sequence), gzip, batch.Target.Fields,
            async (csv, token) =>
            {
                foreach (var row in batch.Rows)
                {
                    await CsvFile.WriteValuesAsync(csv, row, token).ConfigureAwait(false);
                }

                return batch.Rows.Count;
            },
            cancellationToken);
    }

    public static string Reference(ExportFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return $"{file.Name}{ShaLabel}{file.Sha256}{BytesLabel}{file.Bytes.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The part a delivered batch's reference names, checked against the name this destination gives that batch.</summary>
    /// <exception cref="InvalidOperationException">The reference is not one this destination wrote for the batch.</exception>
    public static ExportFile PartOf(DeliveryTarget target, DeliveredBatch batch, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batch);
        var reference = batch.Reference ?? "";
        var sha = reference.LastIndexOf(ShaLabel, StringComparison.Ordinal);
        var size = reference.LastIndexOf(BytesLabel, StringComparison.Ordinal);
        var expected = PartFileName(target, batch.Sequence, gzip);
        if (sha < 0 || size < sha || reference[..sha] != expected
            || !long.TryParse(reference[(size + BytesLabel.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            throw new InvalidOperationException($"Batch {batch.Sequence} of {target.ListName} has reference '{reference}', not one this destination wrote for it ({expected}).");
        }

        return new ExportFile(expected, batch.Rows, bytes, reference[(sha + ShaLabel.Length)..size]);
    }

    /// <summary>The error for a part that is gone or no longer the size it was delivered at.</summary>
    public static InvalidOperationException ChangedPart(DeliveryTarget target, ExportFile part, int sequence)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(part);
        return new InvalidOperationException($"Part {part.Name} of {target.ListName} is missing or changed since it was delivered; deliver batch {sequence} again.");
    }

    public static ExportManifest Manifest(
        DestinationInstance instance, DeliveryTarget target, IReadOnlyList<ExportFile> parts, IReadOnlyDictionary<string, long> dropped)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(target);
        return new ExportManifest
        {
            Campaign = target.Campaign,
            CampaignId = target.CampaignId,
            Group = target.Group,
            Destination = instance.Name,
            RunId = target.RunId,
            CreatedAt = target.CreatedAt,
            Files = parts,
            Dropped = dropped,
        };
    }

    private static bool IsFileName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name is not "." and not ".." && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name.IndexOfAny(['/', '\\']) < 0;
}
