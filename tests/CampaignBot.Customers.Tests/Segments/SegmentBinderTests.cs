using CampaignBot.Core.Validation;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Tests.Segments;

public sealed class SegmentBinderTests
{
    [Theory]
    [InlineData("lifetime_vlaue > 500", "There is no column 'lifetime_vlaue' in customer_360 (at position 1). Did you mean 'lifetime_value'?")]
    [InlineData("stat = WA", "There is no column 'stat' in customer_360 (at position 1). Did you mean 'state'?")]
    [InlineData("Emial is empty", "There is no column 'Emial' in customer_360 (at position 1). Did you mean 'email'?")]
    [InlineData("shoe_size = 42", "There is no column 'shoe_size' in customer_360 (at position 1).")]
    public void An_unknown_column_is_refused_with_the_nearest_column_when_one_is_close(string text, string message) =>
        Assert.Equal(Error("filter.column", message), Problems(text));

    [Fact]
    public void Column_names_are_matched_without_regard_to_case()
    {
        var condition = Assert.IsType<BoundCondition>(Bind("LIFETIME_Value > 5"));

        Assert.Same(CustomerSchema.Customer360.Find("lifetime_value"), condition.Column);
    }

    [Fact]
    public void A_column_of_another_table_is_unknown_when_binding_against_merged_customers()
    {
        var parsed = SegmentParser.Parse("lifetime_value > 5 and email is not empty").Filter!;

        var bound = SegmentBinder.Bind(parsed, CustomerSchema.MergedCustomers, "include[0]");

        var problem = Assert.Single(bound.Errors);
        Assert.Equal("include[0].allOf[0].column", problem.Path);
        Assert.StartsWith("There is no column 'lifetime_value' in merged_customers (at position 1).", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lifetime_value contains 5", "'contains' does not work on lifetime_value, which holds amounts of money (at position 1); use '=', '!=', '<', '<=', '>', '>=', 'between', 'in', 'not in', 'is empty', 'is not empty'.")]
    [InlineData("state > WA", "'>' does not work on state, which holds text (at position 1); use '=', '!=', 'in', 'not in', 'contains', 'starts with', 'is empty', 'is not empty'.")]
    [InlineData("state in last 3 days", "'in last' does not work on state, which holds text (at position 1); use '=', '!=', 'in', 'not in', 'contains', 'starts with', 'is empty', 'is not empty'.")]
    [InlineData("loyalty_member in (true)", "'in' does not work on loyalty_member, which holds yes/no values (at position 1); use '=', '!=', 'is empty', 'is not empty'.")]
    [InlineData("last_order_date starts with 2026", "'starts with' does not work on last_order_date, which holds dates (at position 1); use '=', '!=', '<', '<=', '>', '>=', 'between', 'in last', 'is empty', 'is not empty'.")]
    [InlineData("churn_risk in last 2 weeks", "'in last' does not work on churn_risk, which holds fractions from 0 to 1 (at position 1); use '=', '!=', '<', '<=', '>', '>=', 'between', 'in', 'not in', 'is empty', 'is not empty'.")]
    public void An_operator_the_column_type_does_not_support_is_refused_with_the_usable_operators(string text, string message) =>
        Assert.Equal(Error("filter.operator", message), Problems(text));

    [Theory]
    [InlineData("lifetime_value > abc", "filter.values[0]", "lifetime_value holds amounts of money, so 'abc' does not fit; write an amount such as 500 or 99.95 (at position 1).")]
    [InlineData("last_order_date = 31/01/2026", "filter.values[0]", "last_order_date holds dates, so '31/01/2026' does not fit; write dates as YYYY-MM-DD, e.g. 2026-01-31 (at position 1).")]
    [InlineData("last_order_date = 2026-02-30", "filter.values[0]", "last_order_date holds dates, so '2026-02-30' does not fit; write dates as YYYY-MM-DD, e.g. 2026-01-31 (at position 1).")]
    [InlineData("loyalty_member = maybe", "filter.values[0]", "loyalty_member holds yes/no values, so 'maybe' does not fit; write true or false (at position 1).")]
    [InlineData("churn_risk > high", "filter.values[0]", "churn_risk holds fractions from 0 to 1, so 'high' does not fit; write a number such as 0.7 or a percent such as 70% (at position 1).")]
    [InlineData("churn_risk > NaN", "filter.values[0]", "churn_risk holds fractions from 0 to 1, so 'NaN' does not fit; write a number such as 0.7 or a percent such as 70% (at position 1).")]
    [InlineData("order_count in (1, 2.5)", "filter.values[1]", "order_count holds whole numbers, so '2.5' does not fit; write a whole number such as 3 (at position 1).")]
    [InlineData("state = WA and lifetime_value between 10 and abc", "filter.allOf[1].values[1]", "lifetime_value holds amounts of money, so 'abc' does not fit; write an amount such as 500 or 99.95 (at position 16).")]
    [InlineData("not lifetime_value > '12 dollars'", "filter.not.values[0]", "lifetime_value holds amounts of money, so '12 dollars' does not fit; write an amount such as 500 or 99.95 (at position 5).")]
    public void A_value_that_does_not_fit_the_column_type_is_refused_at_its_path(string text, string path, string message) =>
        Assert.Equal(Error(path, message), Problems(text));

    [Fact]
    public void Every_bad_value_in_a_list_is_reported()
    {
        Assert.Equal(new[] { "filter.values[0]", "filter.values[2]" }, Problems("order_count not in (x, 2, y)").Select(p => p.Path));
    }

    [Theory]
    [InlineData("lifetime_value between 500 and 100", "lifetime_value between 500 and 100: put the lower bound first (at position 1).")]
    [InlineData("lifetime_value between $500 and 499.99", "lifetime_value between $500 and 499.99: put the lower bound first (at position 1).")]
    [InlineData("last_order_date between 2026-02-01 and 2026-01-31", "last_order_date between 2026-02-01 and 2026-01-31: put the lower bound first (at position 1).")]
    [InlineData("churn_risk between 80% and 0.5", "churn_risk between 80% and 0.5: put the lower bound first (at position 1).")]
    public void Between_with_the_bounds_reversed_is_refused(string text, string message) =>
        Assert.Equal(Error("filter.values", message), Problems(text));

    [Fact]
    public void Between_with_equal_bounds_is_accepted()
    {
        var condition = Assert.IsType<BoundCondition>(Bind("order_count between 3 and 3"));

        Assert.Equal(new object[] { 3L, 3L }, condition.Values);
    }

    [Fact]
    public void An_empty_in_list_is_refused()
    {
        var problems = Problems(new Condition("state", FilterOperator.In, []));

        Assert.Equal(Error("filter.values", "state in needs at least one value in the list."), problems);
    }

    [Fact]
    public void An_in_list_longer_than_the_limit_is_refused_and_one_at_the_limit_is_accepted()
    {
        var atLimit = Enumerable.Range(0, SegmentBinder.MaxListValues).Select(i => $"S{i}").ToList();
        var overLimit = atLimit.Append("one more").ToList();

        Assert.True(SegmentBinder.Bind(new Condition("state", FilterOperator.NotIn, atLimit)).IsValid);
        Assert.Equal(
            Error("filter.values", "state not in lists 1001 values; keep it to 1000 or fewer."),
            Problems(new Condition("state", FilterOperator.NotIn, overLimit)));
    }

    [Theory]
    [InlineData(FilterOperator.Equal, "WA|CA", "state = needs exactly one value.")]
    [InlineData(FilterOperator.Contains, "", "state contains needs exactly one value.")]
    [InlineData(FilterOperator.IsEmpty, "WA", "state is empty takes no value.")]
    public void A_condition_built_in_code_with_the_wrong_number_of_values_is_refused(FilterOperator op, string values, string message) =>
        Assert.Equal(Error("filter.values", message), Problems(new Condition("state", op, values.Length == 0 ? [] : values.Split('|'))));

    [Theory]
    [InlineData("last_order_date in last 101 years", "last_order_date in last 101 years reaches back more than 100 years (at position 1).")]
    [InlineData("last_order_date in last 36526 days", "last_order_date in last 36526 days reaches back more than 100 years (at position 1).")]
    [InlineData("last_order_date in last 5218 weeks", "last_order_date in last 5218 weeks reaches back more than 100 years (at position 1).")]
    [InlineData("last_order_date in last 1201 months", "last_order_date in last 1201 months reaches back more than 100 years (at position 1).")]
    public void In_last_reaching_back_more_than_a_century_is_refused(string text, string message) =>
        Assert.Equal(Error("filter.values", message), Problems(text));

    [Theory]
    [InlineData("last_order_date in last 36500 days")]
    [InlineData("last_order_date in last 99 years")]
    public void In_last_within_a_century_is_accepted(string text) => Assert.NotNull(Bind(text));

    [Theory]
    [InlineData("last_order_date in last 100 years")]
    [InlineData("last_order_date in last 1200 months")]
    [InlineData("last_order_date in last 1178 months")]
    public void In_last_of_exactly_a_century_is_accepted(string text) => Assert.NotNull(Bind(text));

    [Fact]
    public void In_last_built_in_code_with_an_unknown_unit_is_refused()
    {
        var problems = Problems(new Condition("last_order_date", FilterOperator.InLast, ["3", "fortnights"]));

        Assert.Equal(
            Error("filter.values", "last_order_date in last needs a whole number and a unit, such as 90 days, 6 weeks, 3 months or 1 year."),
            problems);
    }

    [Fact]
    public void Empty_and_and_or_groups_are_refused()
    {
        SegmentFilter filter = new AllOf([new Condition("state", FilterOperator.Equal, ["WA"]), new AnyOf([]), new Not(new AllOf([]))]);

        Assert.Equal(
            Error("filter.allOf[1].anyOf", "An 'or' group needs at least one condition.")
                .Concat(Error("filter.allOf[2].not.allOf", "An 'and' group needs at least one condition.")),
            Problems(filter));
    }

    [Fact]
    public void Conditions_built_in_code_have_no_position_in_their_messages()
    {
        var problem = Assert.Single(Problems(new Condition("lifetime_value", FilterOperator.GreaterThan, ["abc"])));

        Assert.Equal("lifetime_value holds amounts of money, so 'abc' does not fit; write an amount such as 500 or 99.95.", problem.Message);
    }

    [Fact]
    public void Parsed_conditions_name_the_position_where_they_start()
    {
        var problems = Problems("state = WA and   lifetme_value > 5 or (order_count > x)");

        Assert.Equal(new[] { "filter.anyOf[0].allOf[1].column", "filter.anyOf[1].values[0]" }, problems.Select(p => p.Path));
        Assert.Contains("(at position 18)", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("(at position 40)", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var bound = SegmentBinder.Bind(SegmentParser.Parse(
            "lifetme_value > 5 and state > WA and churn_risk > abc or loyalty_member = maybe or last_order_date between 2026-02-01 and 2026-01-01").Filter!);

        Assert.False(bound.IsValid);
        Assert.Null(bound.Value);
        Assert.All(bound.Problems, p => Assert.True(p.IsError));
        Assert.Equal(
            new[]
            {
                "filter.anyOf[0].allOf[0].column",
                "filter.anyOf[0].allOf[1].operator",
                "filter.anyOf[0].allOf[2].values[0]",
                "filter.anyOf[1].values[0]",
                "filter.anyOf[2].values",
            },
            bound.Problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData("lifetime_value > $500", 500)]
    [InlineData("lifetime_value > '$1,500.50'", 1500.50)]
    [InlineData("lifetime_value > -20", -20)]
    [InlineData("predicted_clv > 99.95", 99.95)]
    public void Money_is_read_as_decimal(string text, double expected)
    {
        var condition = Assert.IsType<BoundCondition>(Bind(text));

        Assert.Equal((decimal)expected, Assert.IsType<decimal>(Assert.Single(condition.Values)));
    }

    [Theory]
    [InlineData("churn_risk > 70%", 0.7)]
    [InlineData("churn_risk > 0.25", 0.25)]
    [InlineData("churn_risk > 5%", 0.05)]
    [InlineData("churn_risk > 1", 1.0)]
    public void Fractions_are_read_as_doubles_with_percent_divided_by_100(string text, double expected)
    {
        var condition = Assert.IsType<BoundCondition>(Bind(text));

        Assert.Equal(expected, Assert.IsType<double>(Assert.Single(condition.Values)), 12);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Y", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Yes_no_values_are_read_as_booleans(string value, bool expected)
    {
        var condition = Assert.IsType<BoundCondition>(Bind($"loyalty_member = {value}"));

        Assert.Equal(expected, Assert.IsType<bool>(Assert.Single(condition.Values)));
    }

    [Fact]
    public void Dates_whole_numbers_and_text_are_read_as_their_types()
    {
        var all = Assert.IsType<BoundAllOf>(Bind("last_order_date between 2026-01-01 and 2026-01-31 and order_count in (3, -1, '1,000') and city = ' Seattle '"));
        var conditions = all.Filters.Cast<BoundCondition>().ToList();

        Assert.Equal(new object[] { new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31) }, conditions[0].Values);
        Assert.Equal(new object[] { 3L, -1L, 1000L }, conditions[1].Values);
        Assert.Equal(new object[] { " Seattle " }, conditions[2].Values);
    }

    [Theory]
    [InlineData("last_order_date in last 90 days", 90, DateUnit.Days)]
    [InlineData("last_order_date in the last 1 week", 1, DateUnit.Weeks)]
    [InlineData("last_order_date in last 6 months", 6, DateUnit.Months)]
    [InlineData("birthdate in last 18 YEARS", 18, DateUnit.Years)]
    public void In_last_is_read_as_an_amount_and_a_unit(string text, int amount, DateUnit unit)
    {
        var condition = Assert.IsType<BoundCondition>(Bind(text));

        Assert.Equal(FilterOperator.InLast, condition.Operator);
        Assert.Equal(new object[] { amount, unit }, condition.Values);
    }

    [Fact]
    public void Groups_and_not_keep_their_shape()
    {
        var bound = Bind("not (state = WA or state = CA) and email is not empty");

        var all = Assert.IsType<BoundAllOf>(bound);
        var not = Assert.IsType<BoundNot>(all.Filters[0]);
        Assert.Equal(2, Assert.IsType<BoundAnyOf>(not.Filter).Filters.Count);
        var email = Assert.IsType<BoundCondition>(all.Filters[1]);
        Assert.Equal((FilterOperator.IsNotEmpty, "email"), (email.Operator, email.Column.Name));
        Assert.Empty(email.Values);
    }

    /// <summary>Groups alternating and/or, so that parsing the printed text does not flatten them.</summary>
    private static ValidationProblem[] Error(string path, string message) => [new(path, message, ProblemSeverity.Error)];

    private static BoundFilter Bind(string text)
    {
        var parsed = SegmentParser.Parse(text);
        Assert.True(parsed.IsValid, $"'{text}' did not parse: {parsed.Error}");
        var bound = SegmentBinder.Bind(parsed.Filter!);
        Assert.True(bound.IsValid, string.Join("; ", bound.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return bound.Value!;
    }

    private static IReadOnlyList<ValidationProblem> Problems(string text)
    {
        var parsed = SegmentParser.Parse(text);
        Assert.True(parsed.IsValid, $"'{text}' did not parse: {parsed.Error}");
        return Problems(parsed.Filter!);
    }

    private static IReadOnlyList<ValidationProblem> Problems(SegmentFilter filter)
    {
        var bound = SegmentBinder.Bind(filter);
        Assert.False(bound.IsValid);
        Assert.Null(bound.Value);
        return bound.Problems;
    }

    [Fact]
    public void Missing_columns_and_empty_branches_are_reported_not_thrown()
    {
        var result = SegmentBinder.Bind(new AllOf([new Condition(null!, FilterOperator.Equal, ["WA"]), null!]));

        Assert.False(result.IsValid);
        Assert.Equal(
            [("filter.allOf[0].column", "Name the column this condition tests."), ("filter.allOf[1]", "This part of the filter is empty; give it a condition or remove it.")],
            result.Problems.Select(p => (p.Path, p.Message)));
    }
}
