namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// Finishing a delivery (checking the list, reading the service's counts) failed in a way the connector could
/// classify. The run fails that one delivery with <see cref="Kind"/> and carries on with the others.
/// </summary>
public sealed class CompletionFailedException(string message, FailureKind kind) : IOException(message)
{
    public FailureKind Kind { get; } = kind;
}
