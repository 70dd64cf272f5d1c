using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Tests.Segments;

public sealed class SegmentParserTests
{
    [Fact]
    public void The_issue_example_with_oregon_quoted_parses_to_three_conditions_joined_by_and()
    {
        var filter = Parse("lifetime_value > 500 and state in (WA, 'OR') and last_order_date in last 90 days");

        Assert.Equal(
            "and(lifetime_value GreaterThan [500], state In [WA|OR], last_order_date InLast [90|days])",
            Tree(filter));
    }

    [Fact]
    public void The_issue_example_parses_with_oregon_unquoted()
    {
        var filter = Parse("lifetime_value > 500 and state in (WA, OR) and last_order_date in last 90 days");

        Assert.Equal(
            "and(lifetime_value GreaterThan [500], state In [WA|OR], last_order_date InLast [90|days])",
            Tree(filter));
    }

    [Fact]
    public void Conditions_remember_the_position_of_their_column()
    {
        var filter = Assert.IsType<AllOf>(Parse("lifetime_value > 500 and state in (WA, CA) and last_order_date in last 90 days"));

        Assert.Equal(new int?[] { 1, 26, 48 }, filter.Filters.Cast<Condition>().Select(c => c.Position));
    }

    [Theory]
    [InlineData("state = WA or state = CA and order_count > 3", "or(state Equal [WA], and(state Equal [CA], order_count GreaterThan [3]))")]
    [InlineData("state = WA and state = CA or order_count > 3", "or(and(state Equal [WA], state Equal [CA]), order_count GreaterThan [3])")]
    [InlineData("(state = WA or state = CA) and order_count > 3", "and(or(state Equal [WA], state Equal [CA]), order_count GreaterThan [3])")]
    [InlineData("((state = WA))", "state Equal [WA]")]
    [InlineData("not state = WA and order_count > 3", "and(not(state Equal [WA]), order_count GreaterThan [3])")]
    [InlineData("not (state = WA and order_count > 3)", "not(and(state Equal [WA], order_count GreaterThan [3]))")]
    [InlineData("not not state = WA", "not(not(state Equal [WA]))")]
    public void And_binds_tighter_than_or_and_parentheses_and_not_group_as_written(string text, string tree) =>
        Assert.Equal(tree, Tree(Parse(text)));

    [Theory]
    [InlineData("state = WA", "state Equal [WA]")]
    [InlineData("state == WA", "state Equal [WA]")]
    [InlineData("state != WA", "state NotEqual [WA]")]
    [InlineData("state <> WA", "state NotEqual [WA]")]
    [InlineData("order_count < 3", "order_count LessThan [3]")]
    [InlineData("order_count <= 3", "order_count LessOrEqual [3]")]
    [InlineData("order_count>=3", "order_count GreaterOrEqual [3]")]
    [InlineData("lifetime_value > $500", "lifetime_value GreaterThan [$500]")]
    [InlineData("state in (WA, CA,NV)", "state In [WA|CA|NV]")]
    [InlineData("state not in (WA)", "state NotIn [WA]")]
    [InlineData("not state in (WA)", "not(state In [WA])")]
    [InlineData("given_name starts with Jo", "given_name StartsWith [Jo]")]
    [InlineData("email contains @example.com", "email Contains [@example.com]")]
    [InlineData("email is empty", "email IsEmpty []")]
    [InlineData("email is not empty", "email IsNotEmpty []")]
    [InlineData("lifetime_value between 100 and 500", "lifetime_value Between [100|500]")]
    [InlineData("last_order_date in the last 6 months", "last_order_date InLast [6|months]")]
    [InlineData("last_order_date in last 1 day", "last_order_date InLast [1|days]")]
    [InlineData("last_order_date in last 2 week", "last_order_date InLast [2|weeks]")]
    [InlineData("birthdate in last 30 years", "birthdate InLast [30|years]")]
    [InlineData("churn_risk >= 70%", "churn_risk GreaterOrEqual [70%]")]
    [InlineData("last_order_date >= 2026-01-31", "last_order_date GreaterOrEqual [2026-01-31]")]
    public void Every_operator_parses_to_its_condition(string text, string tree) =>
        Assert.Equal(tree, Tree(Parse(text)));

    [Theory]
    [InlineData("lifecycle_status = 'at risk'", "at risk")]
    [InlineData("lifecycle_status = \"at risk\"", "at risk")]
    [InlineData("surname = 'O''Brien'", "O'Brien")]
    [InlineData("surname = \"O'Brien\"", "O'Brien")]
    [InlineData("surname = \"say \"\"hi\"\"\"", "say \"hi\"")]
    [InlineData("city = 'and'", "and")]
    [InlineData("city = ''", "")]
    [InlineData("city = 'a, b (c)'", "a, b (c)")]
    public void Quoted_values_keep_spaces_keywords_and_doubled_quotes(string text, string value)
    {
        var condition = Assert.IsType<Condition>(Parse(text));

        Assert.Equal(new[] { value }, condition.Values);
    }

    [Fact]
    public void Keywords_and_operators_are_case_insensitive_and_column_names_are_kept_as_written()
    {
        var filter = Parse("STATE IN (wa) AND NOT Email IS NOT EMPTY OR order_count BETWEEN 1 AND 3 Or Given_Name STARTS WITH Jo "
            + "oR last_order_date IN THE LAST 3 MONTHS or state NOT IN (CA) or city CONTAINS x");

        Assert.Equal(
            "or(and(STATE In [wa], not(Email IsNotEmpty [])), order_count Between [1|3], Given_Name StartsWith [Jo], "
            + "last_order_date InLast [3|months], state NotIn [CA], city Contains [x])",
            Tree(filter));
    }

    [Theory]
    [InlineData("STATE == wa", "STATE = wa")]
    [InlineData("state <> WA", "state != WA")]
    [InlineData("state = WA or (state = CA and order_count > 3)", "state = WA or state = CA and order_count > 3")]
    [InlineData("(state = WA or state = CA) and order_count > 3", "(state = WA or state = CA) and order_count > 3")]
    [InlineData("not (state = WA or state = CA)", "not (state = WA or state = CA)")]
    [InlineData("last_order_date in the last 1 month", "last_order_date in last 1 months")]
    [InlineData("surname = \"O'Brien\"", "surname = 'O''Brien'")]
    [InlineData("lifecycle_status in (\"at risk\", active)", "lifecycle_status in ('at risk', active)")]
    [InlineData("city = \"NOT\"", "city = 'NOT'")]
    [InlineData("email is   not   empty", "email is not empty")]
    public void Format_prints_the_canonical_spelling(string text, string formatted) =>
        Assert.Equal(formatted, SegmentText.Format(Parse(text)));

    public static TheoryData<string> RoundTripTexts =>
    [
        "lifetime_value > 500 and state in (WA, 'OR') and last_order_date in last 90 days",
        "state = WA or state = CA and order_count > 3",
        "(state = WA or state = CA) and (order_count > 3 or loyalty_member = true)",
        "not (state = WA and not email is empty) or not not city = Seattle",
        "state not in (WA, 'and', 'or', 'not') and given_name starts with 'Mary Ann'",
        "surname = 'O''Brien' or surname = \"say \"\"hi\"\"\" or surname = ''",
        "email contains '50%_off' and phone starts with +1-555",
        "lifetime_value between $100 and 1000.50 and churn_risk >= 70%",
        "last_order_date in the last 6 months or birthdate <= 2000-01-31",
        "STATE == wa AND Email IS NOT EMPTY",
        "city = 'line\nbreak' or city = 'Zürich' or city = '(x), y'",
    ];

    [Theory]
    [MemberData(nameof(RoundTripTexts))]
    public void Format_then_parse_gives_back_the_same_tree_and_the_same_text(string text)
    {
        var parsed = Parse(text);
        var formatted = SegmentText.Format(parsed);
        var reparsed = Parse(formatted);

        Assert.Equal(Tree(parsed), Tree(reparsed));
        Assert.Equal(formatted, SegmentText.Format(reparsed));
    }

    [Fact]
    public void Trees_built_in_code_survive_format_and_parse_with_awkward_values()
    {
        string[] values = ["", " ", "at risk", "O'Brien", "\"quoted\"", "and", "OR", "Not", "a,b", "(x)", "50%", "$1,500", "tab\there", "!=", "Zürich"];
        SegmentFilter tree = new AllOf(
        [
            new AnyOf(values.Select(v => (SegmentFilter)new Condition("city", FilterOperator.Equal, [v])).ToList()),
            new Not(new AnyOf([new Condition("state", FilterOperator.NotIn, values), new Condition("email", FilterOperator.IsEmpty, [])])),
            new Condition("lifetime_value", FilterOperator.Between, ["and", "or"]),
            new Condition("last_order_date", FilterOperator.InLast, ["3", "weeks"]),
        ]);

        Assert.Equal(Tree(tree), Tree(Parse(SegmentText.Format(tree))));
    }

    [Theory]
    [InlineData("lifetime_value > and state = WA", 22, "Expected 'and' or 'or' at position 22 but found 'state'.")]
    [InlineData("state in (WA, )", 15, "Expected a value after ',' at position 15 but found ')'.")]
    [InlineData("lifetime_value between 1 and", 29, "Expected a value after 'and' at position 29 but found the end of the text.")]
    [InlineData("state 'in' (WA)", 7, "Expected a comparison after 'state' at position 7 (=, !=, <, <=, >, >=, in, not in, contains, starts with, is empty, is not empty, between, in last) but found \"in\".")]
    [InlineData("state =", 8, "Expected a value after '=' at position 8 but found the end of the text.")]
    [InlineData("state = (WA)", 9, "Expected a value after '=' at position 9 but found '('.")]
    [InlineData("state like WA", 7, "Expected a comparison after 'state' at position 7 (=, !=, <, <=, >, >=, in, not in, contains, starts with, is empty, is not empty, between, in last) but found 'like'.")]
    [InlineData("state", 6, "Expected a comparison after 'state' at position 6 (=, !=, <, <=, >, >=, in, not in, contains, starts with, is empty, is not empty, between, in last) but found the end of the text.")]
    [InlineData("(state = WA or state = CA", 26, "The '(' at position 1 is never closed; expected ')' at position 26 but found the end of the text.")]
    [InlineData("(state = WA or (state = CA) order_count > 3", 29, "The '(' at position 1 is never closed; expected ')' at position 29 but found 'order_count'.")]
    [InlineData("state = WA)", 11, "The ')' at position 11 has no matching '('.")]
    [InlineData("lifecycle_status = 'at risk", 20, "The quote ' at position 20 is never closed.")]
    [InlineData("surname = \"O\"\"Brien", 11, "The quote \" at position 11 is never closed.")]
    [InlineData("state = WA CA", 12, "Expected 'and' or 'or' at position 12 but found 'CA'.")]
    [InlineData("state = WA and", 15, "Expected a column name at position 15 but found the end of the text.")]
    [InlineData("and state = WA", 1, "Expected a column name at position 1 but found 'and'.")]
    [InlineData("'state' = WA", 1, "Expected a column name at position 1 but found \"state\".")]
    [InlineData("last_order_date in last 90", 27, "Expected days, weeks, months or years at position 27 but found the end of the text.")]
    [InlineData("last_order_date in last 90 fortnights", 28, "Expected days, weeks, months or years at position 28 but found 'fortnights'.")]
    [InlineData("last_order_date in last 0 days", 25, "Expected a whole number of days, weeks, months or years at position 25 but found '0'.")]
    [InlineData("last_order_date in last ninety days", 25, "Expected a whole number of days, weeks, months or years at position 25 but found 'ninety'.")]
    [InlineData("last_order_date in 90 days", 20, "Expected '(' for a list or 'last N days' after 'in' at position 20 but found '90'.")]
    [InlineData("state ! WA", 7, "Unexpected '!' at position 7; did you mean '!='?")]
    [InlineData("state = WA;", 11, "Unexpected ';' at position 11; put values with unusual characters in quotes.")]
    [InlineData("email is null", 10, "Expected 'empty' or 'not empty' after 'is' at position 10 but found 'null'.")]
    [InlineData("email is not", 13, "Expected 'empty' after 'is not' at position 13 but found the end of the text.")]
    [InlineData("state in (WA CA)", 14, "Expected ',' or ')' at position 14 to continue the list opened at position 10 but found 'CA'.")]
    [InlineData("state in ()", 11, "Expected a value after '(' at position 11 but found ')'.")]
    [InlineData("state not (WA)", 11, "Expected 'in (…)' after 'not' at position 11 but found '('.")]
    [InlineData("lifetime_value between 100 500", 28, "Expected 'and' between the two bounds of 'between' at position 28 but found '500'.")]
    [InlineData("given_name starts Jo", 19, "Expected 'with' after 'starts' at position 19 but found 'Jo'.")]
    public void Bad_text_is_refused_with_the_position_and_what_was_expected(string text, int position, string message)
    {
        var result = SegmentParser.Parse(text);

        Assert.False(result.IsValid);
        Assert.Null(result.Filter);
        Assert.Equal(new SegmentSyntaxError(position, message), result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t\n ")]
    public void Empty_text_is_refused_at_position_one(string? text) =>
        Assert.Equal(
            new SegmentSyntaxError(1, "The segment is empty; write a condition such as lifetime_value > 500."),
            SegmentParser.Parse(text).Error);

    [Fact]
    public void Text_longer_than_the_limit_is_refused_and_text_at_the_limit_is_accepted()
    {
        var atLimit = "city = '" + new string('x', SegmentParser.MaxLength - 9) + "'";
        var overLimit = "city = '" + new string('x', SegmentParser.MaxLength - 8) + "'";

        Assert.Equal(SegmentParser.MaxLength, atLimit.Length);
        Assert.True(SegmentParser.Parse(atLimit).IsValid);
        Assert.Equal(
            new SegmentSyntaxError(4000, "The segment is 4001 characters long; keep it to 4000 or fewer."),
            SegmentParser.Parse(overLimit).Error);
    }

    private static SegmentFilter Parse(string text)
    {
        var result = SegmentParser.Parse(text);
        Assert.True(result.IsValid, $"'{text}' did not parse: {result.Error}");
        Assert.Null(result.Error);
        return result.Filter!;
    }

    /// <summary>The tree spelled out independently of <see cref="SegmentText"/>, so both can be checked against it.</summary>
    internal static string Tree(SegmentFilter filter) => filter switch
    {
        AllOf all => $"and({string.Join(", ", all.Filters.Select(Tree))})",
        AnyOf any => $"or({string.Join(", ", any.Filters.Select(Tree))})",
        Not not => $"not({Tree(not.Filter)})",
        Condition c => $"{c.Column} {c.Operator} [{string.Join("|", c.Values)}]",
        _ => throw new ArgumentOutOfRangeException(nameof(filter)),
    };
}
