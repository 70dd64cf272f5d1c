namespace CampaignBot.Delivery.Connectors;

/// <summary>Where one (run, recipient group, destination) delivery goes.</summary>
public sealed record DeliveryTarget
{
    public required string CampaignId { get; init; }

    /// <summary>The campaign's name.</summary>
    public required string Campaign { get; init; }

    /// <summary>The recipient group's name.</summary>
    public required string Group { get; init; }

    public required string RunId { get; init; }

    /// <summary><c>ListNames.For(descriptor, campaign, group)</c>, computed by the caller.</summary>
    public required string ListName { get; init; }

    /// <summary><c>RowShaper.Fields</c>: the header, in the order of each row's values.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
