namespace CampaignBot.Conversations.Messages;

/// <summary>An input in a <see cref="ChatForm"/>.</summary>
public abstract record FormField
{
    private protected FormField()
    {
    }

    public required string Id { get; init; }

    public required string Label { get; init; }

    public string? Hint { get; init; }

    public bool Optional { get; init; }
}

public sealed record TextField : FormField
{
    public string? Initial { get; init; }

    public string? Placeholder { get; init; }

    public bool Multiline { get; init; }

    public int MaxLength { get; init; } = 150;
}

/// <summary>
/// A choice of one or several values. Lists longer than a channel can show at once (some show at most 100 options)
/// are searched instead: the channel asks <see cref="SearchSource"/> for matches as the person types.
/// </summary>
public sealed record ChoiceField : FormField
{
    public required IReadOnlyList<Choice> Choices { get; init; }

    public bool Multiple { get; init; }

    public IReadOnlyList<string> Initial { get; init; } = [];

    /// <summary>Names the list for type-ahead search when it is too long to show whole.</summary>
    public string? SearchSource { get; init; }
}
