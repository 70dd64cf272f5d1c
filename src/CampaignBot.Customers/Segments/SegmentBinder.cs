using System.Globalization;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Segments;

/// <summary>
/// Checks a filter tree against the customer_360 schema and types its values, reporting every problem
/// with a path into the tree (<c>filter.allOf[1].values[0]</c>) and, for parsed text, its position.
/// </summary>
public static class SegmentBinder
{
    /// <summary>
    /// How deep a filter may nest, counted as the text syntax writes it: each <c>not</c> and each pair of parentheses
    /// is a level. In a tree, that is each <c>not</c>, a group directly under a <c>not</c>, and a group inside another
    /// group, except an <c>allOf</c> directly inside an <c>anyOf</c>, which the text writes without parentheses
    /// (<c>a or b and c</c>). So a tree read from text is never deeper than the text, and a tree printed as text
    /// (<see cref="SegmentText"/>) is never deeper than the tree: what one accepts, the other accepts when read back.
    /// </summary>
    public const int MaxDepth = 32;
    public const int MaxListValues = 1000;

    public static Validated<BoundFilter> Bind(SegmentFilter filter, string path = "filter") => Bind(filter, CustomerSchema.Customer360, path);

    public static Validated<BoundFilter> Bind(SegmentFilter filter, CustomerTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var problems = new ProblemList();
        var bound = Bind(filter, table, path, 0, problems);
        return Validated<BoundFilter>.From(problems, () => bound!);
    }

    private static BoundFilter? Bind(SegmentFilter filter, CustomerTable table, string path, int depth, ProblemList problems)
    {
        if (depth > MaxDepth)
        {
            problems.Error(path, $"The filter nests more than {MaxDepth} levels deep (each 'not' and each group inside another counts, as the parentheses of the text syntax do); simplify it.");
            return null;
        }

        return filter switch
        {
            null => Missing(path, problems),
            AllOf all => Group(filter, all.Filters, $"{path}.allOf", "and", table, depth, problems, f => new BoundAllOf(f)),
            AnyOf any => Group(filter, any.Filters, $"{path}.anyOf", "or", table, depth, problems, f => new BoundAnyOf(f)),
            Not not => Bind(not.Filter, table, $"{path}.not", depth + 1 + (IsGroup(not.Filter) ? 1 : 0), problems) is { } inner ? new BoundNot(inner) : null,
            Condition condition => BindCondition(condition, table, path, problems),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType().Name, "Unknown filter node."),
        };
    }

    private static BoundFilter? Group(
        SegmentFilter group, IReadOnlyList<SegmentFilter>? filters, string path, string word, CustomerTable table, int depth, ProblemList problems,
        Func<IReadOnlyList<BoundFilter>, BoundFilter> build)
    {
        if (filters is null || filters.Count == 0)
        {
            problems.Error(path, $"An '{word}' group needs at least one condition.");
            return null;
        }

        var bound = filters.Select((f, i) => Bind(f, table, $"{path}[{i}]", depth + (NeedsParentheses(group, f) ? 1 : 0), problems)).ToList();
        return bound.TrueForAll(b => b is not null) ? build(bound!) : null;
    }

    private static bool IsGroup(SegmentFilter? filter) => filter is AllOf or AnyOf;

    // "a or b and c" needs none: "and" binds tighter. Any other group inside a group is written in parentheses.
    private static bool NeedsParentheses(SegmentFilter group, SegmentFilter? child) => IsGroup(child) && !(group is AnyOf && child is AllOf);

    private static BoundCondition? BindCondition(Condition condition, CustomerTable table, string path, ProblemList problems)
    {
        var where = condition.Position is { } position ? $" (at position {position})" : "";
        if (string.IsNullOrWhiteSpace(condition.Column))
        {
            problems.Error($"{path}.column", $"Name the column this condition tests{where}.");
            return null;
        }

        var column = table.Find(condition.Column);
        if (column is null)
        {
            problems.Error($"{path}.column", $"There is no column '{condition.Column}' in {table.Name}{where}.{Suggest(condition.Column, table)}");
            return null;
        }

        var op = condition.Operator;
        if (!Supports(column.Type, op))
        {
            problems.Error($"{path}.operator", $"'{op.Text()}' does not work on {column.Name}, which holds {ColumnValues.Describe(column.Type)}{where}; use {string.Join(", ", Supported(column.Type).Select(o => $"'{o.Text()}'"))}.");
            return null;
        }

        var values = condition.Values ?? [];
        var countProblem = CountProblem(op, values.Count);
        if (countProblem is not null)
        {
            problems.Error($"{path}.values", $"{column.Name} {op.Text()} {countProblem}{where}.");
            return null;
        }

        return op == FilterOperator.InLast
            ? BindRelative(column, values, path, where, problems)
            : BindValues(column, op, values, path, where, problems);
    }

    private static BoundCondition? BindValues(CustomerColumn column, FilterOperator op, IReadOnlyList<string> values, string path, string where, ProblemList problems)
    {
        var typed = new List<object>(values.Count);
        var ok = true;
        for (var i = 0; i < values.Count; i++)
        {
            if (ColumnValues.TryRead(column, values[i] ?? "", out var value, out var problem))
            {
                typed.Add(value);
            }
            else
            {
                problems.Error($"{path}.values[{i}]", problem[..^1] + where + ".");
                ok = false;
            }
        }

        if (ok && op == FilterOperator.Between && Comparer<object>.Default.Compare(typed[0], typed[1]) > 0)
        {
            problems.Error($"{path}.values", $"{column.Name} between {values[0]} and {values[1]}: put the lower bound first{where}.");
            ok = false;
        }

        return ok ? new BoundCondition(column, op, typed) : null;
    }

    private static BoundCondition? BindRelative(CustomerColumn column, IReadOnlyList<string> values, string path, string where, ProblemList problems)
    {
        var amountOk = int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0;
        DateUnit? unit = values[1]?.Trim().ToLowerInvariant() switch
        {
            "day" or "days" => DateUnit.Days,
            "week" or "weeks" => DateUnit.Weeks,
            "month" or "months" => DateUnit.Months,
            "year" or "years" => DateUnit.Years,
            _ => null,
        };
        if (!amountOk || unit is null)
        {
            problems.Error($"{path}.values", $"{column.Name} in last needs a whole number and a unit, such as 90 days, 6 weeks, 3 months or 1 year{where}.");
            return null;
        }

        var limit = unit switch { DateUnit.Days => 36_525, DateUnit.Weeks => 5_217, DateUnit.Months => 1_200, _ => 100 };
        if (amount > limit)
        {
            problems.Error($"{path}.values", $"{column.Name} in last {amount} {unit.Value.ToString().ToLowerInvariant()} reaches back more than 100 years{where}.");
            return null;
        }

        return new BoundCondition(column, FilterOperator.InLast, [amount, unit.Value]);
    }

    private static BoundFilter? Missing(string path, ProblemList problems)
    {
        problems.Error(path, "This part of the filter is empty; give it a condition or remove it.");
        return null;
    }

    private static string? CountProblem(FilterOperator op, int count) => op switch
    {
        FilterOperator.IsEmpty or FilterOperator.IsNotEmpty when count != 0 => "takes no value",
        FilterOperator.Between or FilterOperator.InLast when count != 2 => op == FilterOperator.Between ? "needs two values, such as between 100 and 500" : "needs an amount and a unit, such as 90 days",
        FilterOperator.In or FilterOperator.NotIn when count == 0 => "needs at least one value in the list",
        FilterOperator.In or FilterOperator.NotIn when count > MaxListValues => $"lists {count} values; keep it to {MaxListValues} or fewer",
        FilterOperator.In or FilterOperator.NotIn or FilterOperator.IsEmpty or FilterOperator.IsNotEmpty or FilterOperator.Between or FilterOperator.InLast => null,
        _ when count != 1 => "needs exactly one value",
        _ => null,
    };

    private static bool Supports(ColumnType type, FilterOperator op) => Supported(type).Contains(op);

    private static IReadOnlyList<FilterOperator> Supported(ColumnType type) => type switch
    {
        ColumnType.Text =>
        [
            FilterOperator.Equal, FilterOperator.NotEqual, FilterOperator.In, FilterOperator.NotIn, FilterOperator.Contains,
            FilterOperator.StartsWith, FilterOperator.IsEmpty, FilterOperator.IsNotEmpty,
        ],
        ColumnType.Boolean => [FilterOperator.Equal, FilterOperator.NotEqual, FilterOperator.IsEmpty, FilterOperator.IsNotEmpty],
        ColumnType.Date =>
        [
            FilterOperator.Equal, FilterOperator.NotEqual, FilterOperator.LessThan, FilterOperator.LessOrEqual, FilterOperator.GreaterThan,
            FilterOperator.GreaterOrEqual, FilterOperator.Between, FilterOperator.InLast, FilterOperator.IsEmpty, FilterOperator.IsNotEmpty,
        ],
        _ =>
        [
            FilterOperator.Equal, FilterOperator.NotEqual, FilterOperator.LessThan, FilterOperator.LessOrEqual, FilterOperator.GreaterThan,
            FilterOperator.GreaterOrEqual, FilterOperator.Between, FilterOperator.In, FilterOperator.NotIn, FilterOperator.IsEmpty, FilterOperator.IsNotEmpty,
        ],
    };

    private static string Suggest(string typed, CustomerTable table) =>
        ClosestName.Among(typed.Trim(), table.Columns.Select(c => c.Name)) is { } name ? $" Did you mean '{name}'?" : "";
}
