using System.Text;

namespace CampaignBot.Customers.Segments;

/// <summary>Prints a filter tree in the chat syntax; <see cref="SegmentParser"/> reads it back to the same tree.</summary>
public static class SegmentText
{
    public static string Format(SegmentFilter filter)
    {
        var text = new StringBuilder();
        Write(filter, text, parentIsAll: false);
        return text.ToString();
    }

    private static void Write(SegmentFilter filter, StringBuilder text, bool parentIsAll)
    {
        switch (filter)
        {
            case AllOf all:
                Join(all.Filters, " and ", text, isAll: true);
                break;
            case AnyOf any when parentIsAll:
                text.Append('(');
                Join(any.Filters, " or ", text, isAll: false);
                text.Append(')');
                break;
            case AnyOf any:
                Join(any.Filters, " or ", text, isAll: false);
                break;
            case Not not:
                text.Append("not ");
                var wrap = not.Filter is AllOf or AnyOf;
                text.Append(wrap ? "(" : "");
                Write(not.Filter, text, parentIsAll: false);
                text.Append(wrap ? ")" : "");
                break;
            case Condition condition:
                WriteCondition(condition, text);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType().Name, "Unknown filter node.");
        }
    }

    private static void Join(IReadOnlyList<SegmentFilter> filters, string separator, StringBuilder text, bool isAll)
    {
        for (var i = 0; i < filters.Count; i++)
        {
            text.Append(i > 0 ? separator : "");
            Write(filters[i], text, parentIsAll: isAll);
        }
    }

    private static void WriteCondition(Condition condition, StringBuilder text)
    {
        text.Append(condition.Column).Append(' ');
        var values = condition.Values;
        _ = condition.Operator switch
        {
            FilterOperator.IsEmpty or FilterOperator.IsNotEmpty => text.Append(condition.Operator.Text()),
            FilterOperator.In or FilterOperator.NotIn => text.Append(condition.Operator.Text()).Append(" (").AppendJoin(", ", values.Select(Value)).Append(')'),
            FilterOperator.Between => text.Append("between ").Append(Value(values[0])).Append(" and ").Append(Value(values[1])),
            FilterOperator.InLast => text.Append("in last ").Append(values[0]).Append(' ').Append(values[1]),
            _ => text.Append(condition.Operator.Text()).Append(' ').Append(Value(values[0])),
        };
    }

    private static string Value(string value)
    {
        var bare = value.Length > 0
            && value.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '@' or '+' or ':' or '/' or '$' or '%' or '#')
            && value.ToLowerInvariant() is not ("and" or "or" or "not");
        return bare ? value : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
    }
}
