using System.Net.Sockets;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Export;

namespace CampaignBot.Delivery.Connectors.Files;

/// <summary>One connection to a remote file store, open for one delivery call.</summary>
public interface IFileStoreSession : IAsyncDisposable
{
    /// <summary>Stores the local file under <paramref name="name"/> ("campaign/run/file"), replacing what was there, all or nothing.</summary>
    Task UploadAsync(string name, string localFile, CancellationToken cancellationToken);

    /// <summary>The stored file's size, or null when there is none.</summary>
    Task<long?> SizeOfAsync(string name, CancellationToken cancellationToken);
}

/// <summary>
/// The file drop to a remote store (S3, GCS, Azure Blob, SFTP): each batch is written as its CSV part in a
/// private staging folder, exactly as the local folder would write it, then uploaded under the same name,
/// replacing an earlier upload of the same batch; the manifest goes up last, after every part it names is
/// checked on the store. Subclasses say how to connect and what their store's errors mean.
/// </summary>
public abstract class FileDropConnector : IDestinationConnector
{
    protected FileDropConnector(DestinationInstance instance, DestinationKind kind)
    {
        ArgumentNullException.ThrowIfNull(instance);
        InstanceChecks.RequireKind(instance, kind);

        Instance = instance;
    }

    public DestinationInstance Instance { get; }

    /// <summary>Where a stored name is, for people and for the run record ("s3://bucket/prefix/campaign/run/file").</summary>
    public abstract string Locate(string name);

    protected abstract Task<IFileStoreSession> OpenAsync(CancellationToken cancellationToken);

    /// <summary>What a failure of the store means for the batch, or null when it is none of the store's known failures.</summary>
    protected abstract BatchOutcome? Classify(Exception exception);

    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        if (FileDrop.Refusal(batch) is { } refusal)
        {
            return refusal;
        }

        var staging = Directory.CreateTempSubdirectory("campaignbot-staging-");
        try
        {
            // Connecting first: a wrong key or a missing bucket fails before a large part is written.
            await using var session = await OpenAsync(cancellationToken).ConfigureAwait(false);
            ExportFile file;
            try
            {
                file = await FileDrop.WritePartAsync(staging.FullName, batch, Instance.Gzip, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                return new BatchOutcome.Transient($"Writing the part to the local staging folder failed: {e.Message}", RetryAfter: null);
            }

            await session.UploadAsync(NameOf(batch.Target, file.Name), Path.Combine(staging.FullName, file.Name), cancellationToken).ConfigureAwait(false);
            return new BatchOutcome.Delivered(batch.Rows.Count, FileDrop.Reference(file));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Failure(e) is { } failure)
        {
            return failure;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    /// <summary>Checks that every part is on the store at the size it was delivered, then uploads "{list}.manifest.json" and returns its location.</summary>
    /// <exception cref="InvalidOperationException">A part is missing or changed since its batch was delivered.</exception>
    /// <exception cref="IOException">The store failed; the message says why in plain words.</exception>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batches);
        var staging = Directory.CreateTempSubdirectory("campaignbot-staging-");
        try
        {
            await using var session = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var parts = new List<ExportFile>();
            foreach (var batch in batches.OrderBy(b => b.Sequence))
            {
                var part = FileDrop.PartOf(target, batch, Instance.Gzip);
                if (await session.SizeOfAsync(NameOf(target, part.Name), cancellationToken).ConfigureAwait(false) != part.Bytes)
                {
                    throw FileDrop.ChangedPart(target, part, batch.Sequence);
                }

                parts.Add(part);
            }

            var manifest = Path.Combine(staging.FullName, FileDrop.ManifestName(target));
            await FileDrop.Manifest(Instance, target, parts, dropped).WriteAsync(manifest, cancellationToken).ConfigureAwait(false);
            var name = NameOf(target, FileDrop.ManifestName(target));
            await session.UploadAsync(name, manifest, cancellationToken).ConfigureAwait(false);
            return Locate(name);
        }
        catch (Exception e) when (e is not InvalidOperationException && !cancellationToken.IsCancellationRequested && Failure(e) is { } failure)
        {
            var reason = failure is BatchOutcome.Permanent permanent ? permanent.Reason : ((BatchOutcome.Transient)failure).Reason;
            throw new IOException($"Writing the manifest of {target.ListName} failed: {reason}", e);
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    /// <summary>A target's file as the store names it below the destination's root: "campaign/run/file".</summary>
    protected static string NameOf(DeliveryTarget target, string fileName) => $"{FileDrop.FolderOf(target)}/{fileName}";

    private BatchOutcome? Failure(Exception exception) => Classify(exception) ?? Unreachable(exception, Locate(""));

    /// <summary>
    /// Whatever the store, a refused connection, a reset or a timeout clears up or becomes an outage: a transient
    /// ServiceDown naming <paramref name="location"/>, or null when the exception is none of those.
    /// </summary>
    public static BatchOutcome.Transient? Unreachable(Exception exception, string location)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException or HttpRequestException or TimeoutException or TaskCanceledException or IOException)
            {
                return new BatchOutcome.Transient($"{location} could not be reached: {e.Message}", RetryAfter: null, FailureKind.ServiceDown);
            }
        }

        return null;
    }
}
