namespace CampaignBot.Delivery.Connectors.Lists;

/// <summary>
/// What looking a name up at a destination gave (a list, an audience, a segment, a field): its id, or why it
/// could not be found or made; both null when there is no such thing.
/// </summary>
internal sealed record NameLookup(string? Id, BatchOutcome? Failure)
{
    public static NameLookup Missing { get; } = new(null, null);

    public static NameLookup Found(string id) => new(id, null);

    public static NameLookup Failed(BatchOutcome? failure) => new(null, failure);

    /// <summary>
    /// Finds the name, creating it only when the lookup finds none. Creating by name is not idempotent at these
    /// destinations, so <paramref name="createAsync"/> sends once without retries and names the id or why not;
    /// when it fails (an answer lost, a duplicate refused) the name is looked up again rather than created twice.
    /// </summary>
    public static async Task<NameLookup> FindOrCreateAsync(
        Func<CancellationToken, Task<NameLookup>> findAsync, Func<CancellationToken, Task<NameLookup>> createAsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findAsync);
        ArgumentNullException.ThrowIfNull(createAsync);
        var found = await findAsync(cancellationToken).ConfigureAwait(false);
        if (found.Failure is not null || found.Id is not null)
        {
            return found;
        }

        var created = await createAsync(cancellationToken).ConfigureAwait(false);
        if (created.Id is not null)
        {
            return created;
        }

        var again = await findAsync(cancellationToken).ConfigureAwait(false);
        return again.Id is not null ? again : Failed(created.Failure);
    }

    /// <summary>
    /// The id for a completion to report, null when the destination holds no such thing; a failed lookup fails
    /// the completion with its class, so the run fails that one delivery and carries on with the others.
    /// </summary>
    /// <param name="what">What was checked, as in "the Meta audience {name}".</param>
    public string? IdForCompletion(string what) => Failure switch
    {
        BatchOutcome.Permanent p => throw new CompletionFailedException($"Checking {what} failed: {p.Reason}", p.Kind),
        BatchOutcome.Transient t => throw new CompletionFailedException($"Checking {what} failed: {t.Reason}", t.Kind),
        _ => Id,
    };
}
