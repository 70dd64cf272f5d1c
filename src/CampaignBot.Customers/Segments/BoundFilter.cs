using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Segments;

/// <summary>A filter checked against the schema: real columns, typed values. Only this compiles to SQL.</summary>
public abstract record BoundFilter;

public sealed record BoundAllOf(IReadOnlyList<BoundFilter> Filters) : BoundFilter;

public sealed record BoundAnyOf(IReadOnlyList<BoundFilter> Filters) : BoundFilter;

public sealed record BoundNot(BoundFilter Filter) : BoundFilter;

/// <param name="Values">
/// Typed per <see cref="ColumnType"/>: string, long, decimal, double, DateOnly or bool; for
/// <see cref="FilterOperator.InLast"/> the amount (int) and the <see cref="DateUnit"/>.
/// </param>
public sealed record BoundCondition(CustomerColumn Column, FilterOperator Operator, IReadOnlyList<object> Values) : BoundFilter;

public enum DateUnit
{
    Days,
    Weeks,
    Months,
    Years,
}
