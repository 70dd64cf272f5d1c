namespace CampaignBot.Core.Triggers;

/// <summary>
/// What starts a triggered campaign's send to one customer: an event of <see cref="EventType"/> whose properties pass
/// <see cref="Filter"/> (every event of the type when there is none).
/// </summary>
public sealed record CampaignTrigger(string EventType, PropertyFilter? Filter);

/// <summary>One comparison on an event property, e.g. <c>amount &gt; 100</c>; a property the event lacks never matches.</summary>
public sealed record PropertyFilter(string Property, PropertyOperator Operator, PropertyValue Value)
{
    public override string ToString() => $"{Property} {PropertyFilterText.Symbol(Operator)} {Value}";
}

public enum PropertyOperator
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

/// <summary>The value compared against: a number compares numerically, text as written (case-sensitive).</summary>
public sealed record PropertyValue(string Text, decimal? Number)
{
    public bool IsNumber => Number is not null;

    public override string ToString() => IsNumber ? Text : $"'{Text.Replace("'", "''", StringComparison.Ordinal)}'";
}
