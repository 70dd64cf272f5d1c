using CampaignBot.Core.Text;

namespace CampaignBot.Core.Triggers;

/// <summary>One line that tells a person when a triggered campaign sends, e.g. "Sends within a minute of each order over $100".</summary>
public static class TriggerDescription
{
    // Properties that hold an amount of money read as one ("over $100"); anything else reads as the comparison it is.
    private static readonly string[] MoneyProperties = ["amount", "total", "value", "price", "revenue", "subtotal"];

    public static string Describe(CampaignTrigger trigger, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return $"Sends within {Within(pollInterval)} of each {trigger.EventType}{Condition(trigger.Filter)}";
    }

    /// <summary>"a minute", "30 seconds", "5 minutes": how long a pass may take to notice an event.</summary>
    public static string Within(TimeSpan pollInterval) => pollInterval switch
    {
        { TotalSeconds: < 60 } => pollInterval.TotalSeconds == 1 ? "a second" : Counted.Of((int)Math.Ceiling(pollInterval.TotalSeconds), "second"),
        { TotalMinutes: 1 } => "a minute",
        { TotalMinutes: < 60 } => Counted.Of((int)Math.Ceiling(pollInterval.TotalMinutes), "minute"),
        { TotalHours: 1 } => "an hour",
        _ => Counted.Of((int)Math.Ceiling(pollInterval.TotalHours), "hour"),
    };

    private static string Condition(PropertyFilter? filter)
    {
        if (filter is null)
        {
            return "";
        }

        var money = filter.Value.IsNumber && MoneyProperties.Contains(filter.Property, StringComparer.OrdinalIgnoreCase);
        var value = money ? $"${filter.Value.Text}" : filter.Value.ToString();
        return (filter.Operator, money) switch
        {
            (PropertyOperator.Greater, true) => $" over {value}",
            (PropertyOperator.GreaterOrEqual, true) => $" of {value} or more",
            (PropertyOperator.Less, true) => $" under {value}",
            (PropertyOperator.LessOrEqual, true) => $" of {value} or less",
            _ => $" where {filter.Property} {PropertyFilterText.Symbol(filter.Operator)} {value}",
        };
    }
}
