namespace CampaignBot.Core.Seeds;

/// <summary>
/// A seed list a campaign sends along: its rows go into every batch of every delivery to <see cref="Destinations"/>
/// (every destination of the campaign when empty), but never count as recipients.
/// </summary>
public sealed record SeedListAttachment(string Name, IReadOnlyList<string> Destinations)
{
    public bool ForAllDestinations => Destinations.Count == 0;

    public bool AppliesTo(string destination) =>
        ForAllDestinations || Destinations.Any(d => string.Equals(d, destination, StringComparison.OrdinalIgnoreCase));

    /// <summary>"Directors (all destinations)", "SMS testers (attentive-sms)".</summary>
    public override string ToString() => $"{Name} ({(ForAllDestinations ? "all destinations" : string.Join(", ", Destinations))})";
}

/// <summary>A seed list as a campaign draft names it.</summary>
public sealed record SeedListDraft
{
    public string? Name { get; init; }

    /// <summary>The destinations (by configured name) that receive the list; every destination of the campaign when omitted or empty.</summary>
    public IReadOnlyList<string?>? Destinations { get; init; }
}
