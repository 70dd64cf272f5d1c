namespace CampaignBot.Customers.Segments;

/// <summary>
/// A segment's filter tree, as written: column names and values are unchecked text until
/// <see cref="SegmentBinder"/> checks them against the schema. The chat syntax parses to this tree and
/// <see cref="SegmentText"/> prints it back.
/// </summary>
public abstract record SegmentFilter;

public sealed record AllOf(IReadOnlyList<SegmentFilter> Filters) : SegmentFilter;

public sealed record AnyOf(IReadOnlyList<SegmentFilter> Filters) : SegmentFilter;

public sealed record Not(SegmentFilter Filter) : SegmentFilter;

/// <param name="Values">
/// One value for comparisons, two for <c>between</c>, a list for <c>in</c>, none for <c>is empty</c>,
/// and an amount and a unit ("90", "days") for <c>in last</c>.
/// </param>
/// <param name="Position">Where the condition starts in the text it was parsed from (1-based), for messages.</param>
public sealed record Condition(string Column, FilterOperator Operator, IReadOnlyList<string> Values, int? Position = null) : SegmentFilter;

/// <summary>A named, described segment.</summary>
public sealed record SegmentDefinition(string Name, string Description, SegmentFilter Filter);
