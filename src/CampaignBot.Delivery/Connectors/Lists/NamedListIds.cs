using System.Collections.Concurrent;

namespace CampaignBot.Delivery.Connectors.Lists;

/// <summary>
/// The ids of the lists (audiences, segments) named after campaigns and groups at one destination, found by
/// name or created once, and remembered for the connector's life. The connector supplies its two calls; this
/// holds the rules: two batches of a new list never both create it, only ids are remembered (a failed lookup
/// is asked again next time), and removals never create a list.
/// </summary>
/// <param name="findAsync">Looks the name up: the id, <see cref="NameLookup.Missing"/>, or why the lookup failed.</param>
/// <param name="createAsync">Creates the target's list once, without retries: the new id, or why not.</param>
internal sealed class NamedListIds(
    Func<string, CancellationToken, Task<NameLookup>> findAsync,
    Func<DeliveryTarget, CancellationToken, Task<NameLookup>> createAsync)
{
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

    // One creator at a time, so two batches of a new list cannot both create it.
    private readonly SemaphoreSlim _creating = new(1, 1);

    /// <summary>The list's id when this instance has already found or made it.</summary>
    public string? Known(string name) => _ids.GetValueOrDefault(name);

    /// <summary>The list's id, or both null when there is no such list; never creates one (a removal from a list never made has nobody to remove).</summary>
    public async Task<NameLookup> FindAsync(string name, CancellationToken cancellationToken) =>
        Known(name) is { } known ? NameLookup.Found(known) : await LookUpAsync(name, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Removes the batch's people from the target's list through <paramref name="removeAsync"/> (given the list's
    /// id) when the list exists; a list never made holds nobody, so the batch is done without creating one.
    /// </summary>
    public async Task<BatchOutcome> RemoveFromAsync(
        DeliveryBatch batch, Func<string, CancellationToken, Task<BatchOutcome>> removeAsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(removeAsync);
        var list = await FindAsync(batch.Target.ListName, cancellationToken).ConfigureAwait(false);
        return list.Failure
            ?? (list.Id is { } id ? await removeAsync(id, cancellationToken).ConfigureAwait(false) : new BatchOutcome.Delivered(batch.Rows.Count, null));
    }

    /// <summary>Asks the destination even when the id is known (a completion checks the list is there), remembering what it finds.</summary>
    public async Task<NameLookup> LookUpAsync(string name, CancellationToken cancellationToken)
    {
        var found = await findAsync(name, cancellationToken).ConfigureAwait(false);
        return Remembered(name, found);
    }

    /// <summary>The id of the target's list, creating the list only when a lookup just before finds none.</summary>
    public async Task<NameLookup> EnsureAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var name = target.ListName;
        if (Known(name) is { } known)
        {
            return NameLookup.Found(known);
        }

        await _creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another batch may have found or made it while this one waited.
            if (Known(name) is { } meanwhile)
            {
                return NameLookup.Found(meanwhile);
            }

            var ensured = await NameLookup.FindOrCreateAsync(ct => findAsync(name, ct), ct => createAsync(target, ct), cancellationToken).ConfigureAwait(false);
            return Remembered(name, ensured);
        }
        finally
        {
            _creating.Release();
        }
    }

    private NameLookup Remembered(string name, NameLookup lookup)
    {
        if (lookup.Id is { } id)
        {
            _ids[name] = id;
        }

        return lookup;
    }
}
