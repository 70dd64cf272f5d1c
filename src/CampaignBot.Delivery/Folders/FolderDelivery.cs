using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Export;

namespace CampaignBot.Delivery.Folders;

/// <summary>Which campaign, group and run a delivery belongs to; names the files and fills the manifest.</summary>
public sealed record DeliveryContext(string Campaign, string CampaignId, string Group, string RunId, DateTimeOffset CreatedAt);

/// <summary>
/// The local-folder destination (the embedded default, data/outbox/): one shaped CSV per (group,
/// destination) under {location}/{campaign}/{run}/, then its manifest, written last.
/// </summary>
public sealed class FolderDelivery(DestinationInstance instance, string contentRoot)
{
    public async Task<ExportManifest> DeliverAsync(
        DeliveryContext context, IReadOnlyList<string> attributes, IAsyncEnumerable<ExportSourceRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = Path.Combine(Path.GetFullPath(instance.Location ?? "data/outbox", contentRoot), ListNames.Slug(context.Campaign), ListNames.Slug(context.RunId));
        var baseName = ListNames.For(instance.Descriptor, context.Campaign, context.Group);
        var shaper = new RowShaper(instance.Descriptor, attributes);
        var (file, dropped) = await ExportWriter.WriteAsync(folder, baseName, shaper, rows, new ExportOptions { Gzip = instance.Gzip }, cancellationToken).ConfigureAwait(false);

        var manifest = new ExportManifest
        {
            Campaign = context.Campaign,
            CampaignId = context.CampaignId,
            Group = context.Group,
            Destination = instance.Name,
            RunId = context.RunId,
            CreatedAt = context.CreatedAt,
            Files = [file],
            Dropped = dropped.ByReason.ToDictionary(d => d.Key.ToString(), d => d.Value),
        };
        await manifest.WriteAsync(Path.Combine(folder, baseName + ".manifest.json"), cancellationToken).ConfigureAwait(false);
        return manifest;
    }
}
