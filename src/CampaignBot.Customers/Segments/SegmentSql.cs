using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Segments;

/// <summary>
/// Renders a bound filter as a boolean SQL predicate that is never NULL, so <c>not</c> means what a
/// marketer expects (a customer with no state is "not in (WA)"). Text compares case-insensitively.
/// Every value is a parameter; column names come from the schema.
/// </summary>
public static class SegmentSql
{
    /// <param name="today">The date "in last 90 days" counts back from, in the campaign's reckoning.</param>
    public static void AppendPredicate(SqlBuilder sql, BoundFilter filter, string alias, DateOnly today)
    {
        switch (filter)
        {
            case BoundAllOf all:
                Join(sql, all.Filters, " AND ", alias, today);
                break;
            case BoundAnyOf any:
                Join(sql, any.Filters, " OR ", alias, today);
                break;
            case BoundNot not:
                sql.Sql("(NOT ");
                AppendPredicate(sql, not.Filter, alias, today);
                sql.Sql(")");
                break;
            case BoundCondition condition:
                AppendCondition(sql, condition, alias, today);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType().Name, "Unknown filter node.");
        }
    }

    private static void Join(SqlBuilder sql, IReadOnlyList<BoundFilter> filters, string separator, string alias, DateOnly today)
    {
        sql.Sql("(");
        for (var i = 0; i < filters.Count; i++)
        {
            sql.Sql(i > 0 ? separator : "");
            AppendPredicate(sql, filters[i], alias, today);
        }

        sql.Sql(")");
    }

    private static void AppendCondition(SqlBuilder sql, BoundCondition condition, string alias, DateOnly today)
    {
        var column = SqlBuilder.Qualified(condition.Column, alias);
        var text = condition.Column.Type == ColumnType.Text;
        var subject = text ? $"lower({column})" : column;
        string Value(int i) => text ? $"lower({sql.ValuePlaceholder(condition.Values[i])})" : sql.ValuePlaceholder(condition.Values[i]);
        string List() => string.Join(", ", condition.Values.Select((_, i) => Value(i)));

        var predicate = condition.Operator switch
        {
            FilterOperator.Equal => Never($"{subject} = {Value(0)}"),
            FilterOperator.NotEqual => Always($"{subject} <> {Value(0)}"),
            FilterOperator.LessThan => Never($"{subject} < {Value(0)}"),
            FilterOperator.LessOrEqual => Never($"{subject} <= {Value(0)}"),
            FilterOperator.GreaterThan => Never($"{subject} > {Value(0)}"),
            FilterOperator.GreaterOrEqual => Never($"{subject} >= {Value(0)}"),
            FilterOperator.In => Never($"{subject} IN ({List()})"),
            FilterOperator.NotIn => Always($"{subject} NOT IN ({List()})"),
            FilterOperator.Contains => Never(sql.Engine.Contains(subject, Value(0))),
            FilterOperator.StartsWith => Never(sql.Engine.StartsWith(subject, Value(0))),
            FilterOperator.Between => Never($"{subject} BETWEEN {Value(0)} AND {Value(1)}"),
            FilterOperator.IsEmpty => text ? $"({column} IS NULL OR trim({column}) = '')" : $"({column} IS NULL)",
            FilterOperator.IsNotEmpty => text ? $"({column} IS NOT NULL AND trim({column}) <> '')" : $"({column} IS NOT NULL)",
            FilterOperator.InLast => Never($"{column} BETWEEN {sql.ValuePlaceholder(Cutoff(condition, today))} AND {sql.ValuePlaceholder(today)}"),
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Operator, "Unknown operator."),
        };
        sql.Sql(predicate);
    }

    // A comparison with NULL is unknown; these decide which way unknown falls.
    private static string Never(string comparison) => $"COALESCE({comparison}, FALSE)";

    private static string Always(string comparison) => $"COALESCE({comparison}, TRUE)";

    private static DateOnly Cutoff(BoundCondition condition, DateOnly today)
    {
        var amount = (int)condition.Values[0];
        return (DateUnit)condition.Values[1] switch
        {
            DateUnit.Weeks => today.AddDays(-7 * amount),
            DateUnit.Months => today.AddMonths(-amount),
            DateUnit.Years => today.AddYears(-amount),
            _ => today.AddDays(-amount),
        };
    }
}
