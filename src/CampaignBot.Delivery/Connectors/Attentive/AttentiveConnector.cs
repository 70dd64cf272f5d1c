using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Text;
using CampaignBot.Delivery.Connectors.Files;
using CampaignBot.Delivery.Connectors.Sftp;
using CampaignBot.Delivery.Export;

namespace CampaignBot.Delivery.Connectors.Attentive;

/// <summary>
/// Delivers a recipient group as an Attentive subscriber segment through Attentive's SFTP "subscriber segment
/// upload", as Amperity does: each batch is one file "{clientdomain}_subscriber_segment_{yyyyMMdd}_{file_number}.csv"
/// in the remote folder, no header, two columns (the identifier, then the segment name), email or phone but never
/// both in one file. Files go up under a hidden temporary name and are renamed into place (<see cref="SftpTransport"/>),
/// so Attentive never picks up half a file and a re-delivered batch replaces its own file.
/// </summary>
public sealed class AttentiveConnector : IDestinationConnector
{
    private const string ShaLabel = " sha256:";
    private readonly SftpTransport _transport;
    private readonly string _clientDomain;

    public AttentiveConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Kind != DestinationKind.Attentive || instance.Transport != DestinationTransport.Sftp)
        {
            throw new ArgumentException(
                $"Destination '{instance.Name}' is not Attentive with Transport Sftp; the Segments API mode is AttentiveApiConnector's.", nameof(instance));
        }

        Instance = instance;
        _clientDomain = instance.ClientDomain is { Length: > 0 } domain
            ? domain
            : throw new InvalidOperationException($"Destination '{instance.Name}' has no ClientDomain; it starts every segment file's name.");
        _transport = new SftpTransport(instance, credentials);
    }

    public DestinationInstance Instance { get; }

    /// <summary>Where a file in the remote folder is, for people and the run record.</summary>
    public string Locate(string name) => _transport.Locate(name);

    /// <summary>
    /// The batch's file name. The date is the run's (UTC), not the clock's, so a retry names the same file. The
    /// file_number is six digits that tell apart the targets of a day (another group, campaign or run of the same
    /// date would otherwise overwrite this one's files) followed by the batch sequence, so it is stable across retries.
    /// </summary>
    public string FileName(DeliveryTarget target, int sequence)
    {
        ArgumentNullException.ThrowIfNull(target);
        var date = target.CreatedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{_clientDomain}_subscriber_segment_{date}_{TargetNumber(target):D6}{sequence:D4}.csv");
    }

    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.Sequence, 1);
        if (batch.Rows.FirstOrDefault(r => r.Length != batch.Target.Fields.Count) is { } misshapen)
        {
            throw new ArgumentException($"A row has {misshapen.Length} values for {batch.Target.Fields.Count} fields; rows must be shaped for the target.", nameof(batch));
        }

        var identifier = SegmentIdentifier.Of(batch);
        if (identifier.Refusal is { } refusal)
        {
            return new BatchOutcome.Permanent(refusal, FailureKind.InvalidData);
        }

        var staging = Directory.CreateTempSubdirectory("campaignbot-attentive-");
        try
        {
            // Connecting first: a wrong key or a missing folder fails before a large file is written.
            await using var session = await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
            ExportFile file;
            try
            {
                file = await WriteAsync(staging.FullName, batch, identifier.Column, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                return new BatchOutcome.Transient($"Writing the segment file to the local staging folder failed: {e.Message}", RetryAfter: null);
            }

            await session.UploadAsync(file.Name, Path.Combine(staging.FullName, file.Name), cancellationToken).ConfigureAwait(false);
            return new BatchOutcome.Delivered(batch.Rows.Count, FileDrop.Reference(file));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (_transport.Classify(e) ?? FileDropConnector.Unreachable(e, Locate(""))) is { } failure)
        {
            return failure;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Writes nothing to Attentive's folder: Attentive reads every file there as a segment file, so a manifest would be
    /// read as one and fail. Nor does it check the files are still there: Attentive may take them away once read.
    /// Returns the record of the delivery instead: the folder, then each batch as "#{sequence} {file} sha256:… bytes:… rows:…".
    /// </summary>
    /// <exception cref="InvalidOperationException">A batch's reference is not the file this destination wrote for it.</exception>
    public Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batches);
        var files = new List<string>();
        foreach (var batch in batches.OrderBy(b => b.Sequence))
        {
            var expected = FileName(target, batch.Sequence);
            var reference = batch.Reference ?? "";
            if (!reference.StartsWith(expected + ShaLabel, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Batch {batch.Sequence} of {target.ListName} has reference '{reference}', not the file this destination wrote for it ({expected}).");
            }

            files.Add(string.Create(CultureInfo.InvariantCulture, $"#{batch.Sequence} {reference} rows:{batch.Rows}"));
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"{Locate("")} segment '{target.ListName}', {Counted.Of(files.Count, "file")}");
        return Task.FromResult<string?>(files.Count == 0 ? summary : $"{summary}: {string.Join("; ", files)}");
    }

    // Attentive's file spec: no header row; each row is the identifier then the segment name.
    private Task<ExportFile> WriteAsync(string folder, DeliveryBatch batch, int column, CancellationToken cancellationToken) =>
        CsvFile.WriteAsync(
            folder, Path.GetFileNameWithoutExtension(FileName(batch.Target, batch.Sequence)), gzip: false, header: null,
            async (csv, token) =>
            {
                foreach (var row in batch.Rows)
                {
                    await CsvFile.WriteValuesAsync(csv, [row[column], batch.Target.ListName], token).ConfigureAwait(false);
                }

                return batch.Rows.Count;
            },
            cancellationToken);

    private static int TargetNumber(DeliveryTarget target)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{target.CampaignId}\n{target.Group}\n{target.RunId}"));
        return (int)(BitConverter.ToUInt32(hash, 0) % 1_000_000);
    }
}
