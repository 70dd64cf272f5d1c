using System.Globalization;
using System.Text.Json;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Segments;

namespace CampaignBot.App.Segments;

/// <summary>
/// A segment filter as JSON: a group (<c>allOf</c>, <c>anyOf</c>), a negation (<c>not</c>) or a condition
/// (<c>column</c>, <c>operator</c>, <c>values</c>). The same paths as the binder's, so every problem points at its node.
/// </summary>
public sealed record FilterNode
{
    public IReadOnlyList<FilterNode?>? AllOf { get; init; }

    public IReadOnlyList<FilterNode?>? AnyOf { get; init; }

    public FilterNode? Not { get; init; }

    public string? Column { get; init; }

    /// <summary>As in the text syntax (">", "in", "starts with", "in last") or the enum name ("GreaterThan").</summary>
    public string? Operator { get; init; }

    /// <summary>Strings, numbers or booleans; written as text for the binder to check against the column's type.</summary>
    public IReadOnlyList<JsonElement>? Values { get; init; }

    /// <summary>The tree, or null with the reasons in <paramref name="problems"/>.</summary>
    public SegmentFilter? ToFilter(string path, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var kinds = new[] { AllOf is not null, AnyOf is not null, Not is not null, Column is not null || Operator is not null || Values is not null }.Count(k => k);
        if (kinds != 1)
        {
            problems.Error(path, kinds == 0
                ? "Each filter node is one of: {\"allOf\": [...]}, {\"anyOf\": [...]}, {\"not\": {...}} or {\"column\", \"operator\", \"values\"}."
                : "A filter node can be only one of allOf, anyOf, not or a condition; nest them instead.");
            return null;
        }

        if (AllOf is not null)
        {
            return Children(AllOf, $"{path}.allOf", problems) is { } all ? new AllOf(all) : null;
        }

        if (AnyOf is not null)
        {
            return Children(AnyOf, $"{path}.anyOf", problems) is { } any ? new AnyOf(any) : null;
        }

        if (Not is not null)
        {
            return Not.ToFilter($"{path}.not", problems) is { } inner ? new Not(inner) : null;
        }

        return Condition(path, problems);
    }

    private static List<SegmentFilter>? Children(IReadOnlyList<FilterNode?> nodes, string path, ProblemList problems)
    {
        var children = new List<SegmentFilter>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is null)
            {
                problems.Error($"{path}[{i}]", "This filter node is empty.");
            }
            else if (nodes[i]!.ToFilter($"{path}[{i}]", problems) is { } child)
            {
                children.Add(child);
            }
        }

        // An empty group is the binder's to report, with its own words.
        return children.Count == nodes.Count ? children : null;
    }

    private Condition? Condition(string path, ProblemList problems)
    {
        var ok = true;
        if (!FilterOperators.TryParse(Operator, out var op))
        {
            problems.Error($"{path}.operator", string.IsNullOrWhiteSpace(Operator)
                ? $"Name the operator: one of {FilterOperators.AllTexts}."
                : $"'{Operator}' is not an operator; use one of {FilterOperators.AllTexts}.");
            ok = false;
        }

        var values = new List<string>();
        for (var i = 0; i < (Values?.Count ?? 0); i++)
        {
            var value = Values![i];
            switch (value.ValueKind)
            {
                case JsonValueKind.String when Text(value) is { } text:
                    values.Add(text);
                    break;
                case JsonValueKind.String:
                    problems.Error($"{path}.values[{i}]", "This value is not valid text: it holds half of a surrogate pair (\\ud800 to \\udfff) on its own.");
                    ok = false;
                    break;
                case JsonValueKind.Number:
                    values.Add(value.GetRawText());
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    values.Add(value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant());
                    break;
                default:
                    problems.Error($"{path}.values[{i}]", $"Values are strings, numbers or booleans, not {value.ValueKind.ToString().ToLowerInvariant()}.");
                    ok = false;
                    break;
            }
        }

        return ok ? new Condition(Column ?? "", op, values) : null;
    }

    // Values are read by hand, so the serializer's check on strings does not apply: an escaped lone surrogate parses as JSON
    // but is no text, and reading it throws.
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
