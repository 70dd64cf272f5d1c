using System.Text.RegularExpressions;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Tests.Segments;

public sealed class SegmentSqlTests(SegmentCustomers customers) : IClassFixture<SegmentCustomers>
{
    private static readonly DateOnly Today = SegmentCustomers.Today;
    // Only renders SQL text; never opened.
    private static readonly DuckDbEngine Dialect = new("sql-text-only.duckdb");

    public static TheoryData<string, string, object[]> Predicates => new()
    {
        { "state = WA", "COALESCE(lower(c.\"state\") = lower($1), FALSE)", ["WA"] },
        { "state != WA", "COALESCE(lower(c.\"state\") <> lower($1), TRUE)", ["WA"] },
        { "order_count < 3", "COALESCE(c.\"order_count\" < $1, FALSE)", [3L] },
        { "lifetime_value <= $500", "COALESCE(c.\"lifetime_value\" <= $1, FALSE)", [500m] },
        { "churn_risk > 70%", "COALESCE(c.\"churn_risk\" > $1, FALSE)", [0.7] },
        { "last_order_date >= 2026-01-31", "COALESCE(c.\"last_order_date\" >= $1, FALSE)", [new DateOnly(2026, 1, 31)] },
        { "loyalty_member = yes", "COALESCE(c.\"loyalty_member\" = $1, FALSE)", [true] },
        { "state in (WA, CA)", "COALESCE(lower(c.\"state\") IN (lower($1), lower($2)), FALSE)", ["WA", "CA"] },
        { "state not in (WA)", "COALESCE(lower(c.\"state\") NOT IN (lower($1)), TRUE)", ["WA"] },
        { "order_count in (1, 2)", "COALESCE(c.\"order_count\" IN ($1, $2), FALSE)", [1L, 2L] },
        { "email contains '50%'", "COALESCE(strpos(lower(c.\"email\"), lower($1)) > 0, FALSE)", ["50%"] },
        { "given_name starts with Jo_", "COALESCE(starts_with(lower(c.\"given_name\"), lower($1)), FALSE)", ["Jo_"] },
        { "lifetime_value between 100 and 500", "COALESCE(c.\"lifetime_value\" BETWEEN $1 AND $2, FALSE)", [100m, 500m] },
        { "email is empty", "(c.\"email\" IS NULL OR trim(c.\"email\") = '')", [] },
        { "email is not empty", "(c.\"email\" IS NOT NULL AND trim(c.\"email\") <> '')", [] },
        { "loyalty_member is empty", "(c.\"loyalty_member\" IS NULL)", [] },
        { "last_order_date is not empty", "(c.\"last_order_date\" IS NOT NULL)", [] },
        { "last_order_date in last 90 days", "COALESCE(c.\"last_order_date\" BETWEEN $1 AND $2, FALSE)", [new DateOnly(2025, 12, 31), Today] },
        { "last_order_date in last 2 weeks", "COALESCE(c.\"last_order_date\" BETWEEN $1 AND $2, FALSE)", [new DateOnly(2026, 3, 17), Today] },
        { "last_order_date in last 1 month", "COALESCE(c.\"last_order_date\" BETWEEN $1 AND $2, FALSE)", [new DateOnly(2026, 2, 28), Today] },
        { "birthdate in last 18 years", "COALESCE(c.\"birthdate\" BETWEEN $1 AND $2, FALSE)", [new DateOnly(2008, 3, 31), Today] },
        {
            "state = WA and (order_count > 1 or not email is empty)",
            "(COALESCE(lower(c.\"state\") = lower($1), FALSE) AND (COALESCE(c.\"order_count\" > $2, FALSE) OR (NOT (c.\"email\" IS NULL OR trim(c.\"email\") = ''))))",
            ["WA", 1L]
        },
    };

    [Theory]
    [MemberData(nameof(Predicates))]
    public void Each_condition_compiles_to_a_null_safe_predicate_over_the_quoted_column_with_typed_parameters(string segment, string predicate, object[] parameters)
    {
        var statement = Predicate(segment, "c", Today);

        Assert.Equal(predicate, statement.Text);
        Assert.Equal(parameters, statement.Parameters);
    }

    [Fact]
    public void The_alias_qualifies_every_column()
    {
        var statement = Predicate("state = WA or lifetime_value > 5", "audience", Today);

        Assert.Equal(
            "(COALESCE(lower(audience.\"state\") = lower($1), FALSE) OR COALESCE(audience.\"lifetime_value\" > $2, FALSE))",
            statement.Text);
    }

    [Fact]
    public void User_values_never_reach_the_sql_text_only_numbered_placeholders_in_order()
    {
        var statement = Predicate(
            "given_name = \"Robert'); DROP TABLE customer_360; --\" and lifetime_value between $100 and 500 "
            + "and state in (WA, \"x' OR '1'='1\") and last_order_date in last 90 days and loyalty_member = yes "
            + "and churn_risk < 70% and order_count >= 3 and city contains '%_$1'",
            "c", Today);

        Assert.Equal(
            new object[] { "Robert'); DROP TABLE customer_360; --", 100m, 500m, "WA", "x' OR '1'='1", new DateOnly(2025, 12, 31), Today, true, 0.7, 3L, "%_$1" },
            statement.Parameters);
        Assert.Equal(
            Enumerable.Range(1, statement.Parameters.Count).Select(i => "$" + i),
            Regex.Matches(statement.Text, @"\$\d+").Select(m => m.Value));
        foreach (var fragment in new[] { "Robert", "DROP", "100", "500", "WA", "OR '1'", "2025", "true", "0.7", "%_" })
        {
            Assert.DoesNotContain(fragment, statement.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Only_schema_column_names_reach_the_sql_text_quoted()
    {
        var statement = Predicate("STATE = WA and Lifetime_Value > 5 and EMAIL is empty", "c", Today);

        Assert.Equal(
            new[] { "c.\"state\"", "c.\"lifetime_value\"", "c.\"email\"", "c.\"email\"" },
            Regex.Matches(statement.Text, @"c\.""[^""]*""").Select(m => m.Value));
    }

    [Theory]
    [InlineData("state = WA", "c1 c2")]
    [InlineData("state = wa", "c1 c2")]
    [InlineData("state != WA", "c3 c4 c5 c6")]
    [InlineData("not state = WA", "c3 c4 c5 c6")]
    [InlineData("not state in (WA)", "c3 c4 c5 c6")]
    [InlineData("state not in (WA, 'or')", "c3 c5 c6")]
    [InlineData("state in (Wa, 'OR')", "c1 c2 c4")]
    [InlineData("not not state = WA", "c1 c2")]
    public async Task Text_comparisons_ignore_case_and_customers_without_a_value_count_as_different(string segment, string expected) =>
        Assert.Equal(expected, await Match(segment));

    [Theory]
    [InlineData("email is empty", "c2 c3 c4")]
    [InlineData("email is not empty", "c1 c5 c6")]
    [InlineData("not email is empty", "c1 c5 c6")]
    [InlineData("email = ann@example.com", "c1 c6")]
    [InlineData("email != ann@example.com", "c2 c3 c4 c5")]
    [InlineData("loyalty_member is empty", "c3")]
    [InlineData("last_order_date is not empty", "c1 c2 c4 c5 c6")]
    public async Task Empty_means_null_or_blank_text(string segment, string expected) =>
        Assert.Equal(expected, await Match(segment));

    [Theory]
    [InlineData("city contains '%'", "c4")]
    [InlineData("city contains '0%'", "c4")]
    [InlineData("city starts with '50%'", "c4")]
    [InlineData("city contains OFF", "c4 c5")]
    [InlineData("given_name contains '_'", "c6")]
    [InlineData("given_name starts with 'a_'", "c6")]
    [InlineData("given_name starts with A", "c1 c6")]
    [InlineData("given_name contains \"'\"", "c5")]
    [InlineData("not city contains off", "c1 c2 c3 c6")]
    public async Task Contains_and_starts_with_treat_percent_and_underscore_literally(string segment, string expected) =>
        Assert.Equal(expected, await Match(segment));

    [Theory]
    [InlineData("lifetime_value between 100 and 500", "c1 c2")]
    [InlineData("lifetime_value between $100.00 and '$500'", "c1 c2")]
    [InlineData("lifetime_value > 500", "c4 c6")]
    [InlineData("lifetime_value >= 500", "c2 c4 c6")]
    [InlineData("lifetime_value != 500", "c1 c3 c4 c5 c6")]
    [InlineData("lifetime_value in (100, 500.00, 99.99)", "c1 c2 c5")]
    [InlineData("churn_risk >= 70%", "c2 c4 c6")]
    [InlineData("churn_risk in (0.1, 70%)", "c1 c2")]
    [InlineData("order_count between 1 and 5", "c1 c2 c4")]
    [InlineData("order_count not in (0, 10)", "c1 c2 c3 c4")]
    [InlineData("loyalty_member = yes", "c1 c4 c6")]
    [InlineData("loyalty_member = false", "c2 c5")]
    [InlineData("loyalty_member != true", "c2 c3 c5")]
    [InlineData("last_order_date between 2026-01-15 and 2026-03-31", "c1 c6")]
    [InlineData("last_order_date < 2026-01-01", "c2 c4")]
    public async Task Numbers_money_fractions_yes_no_and_dates_compare_by_value_with_inclusive_between(string segment, string expected) =>
        Assert.Equal(expected, await Match(segment));

    [Theory]
    [InlineData("last_order_date in last 90 days", "2026-03-31", "c1 c2 c6")]
    [InlineData("last_order_date in last 91 days", "2026-03-31", "c1 c2 c4 c6")]
    [InlineData("last_order_date in last 3 months", "2026-03-31", "c1 c2 c6")]
    [InlineData("last_order_date in last 1 day", "2026-04-01", "c1 c5")]
    [InlineData("last_order_date in last 90 days", "2026-01-20", "c2 c4 c6")]
    [InlineData("last_order_date in last 1 year", "2027-01-15", "c1 c5 c6")]
    [InlineData("not last_order_date in last 90 days", "2026-03-31", "c3 c4 c5")]
    public async Task In_last_counts_back_from_the_given_today_and_excludes_future_dates(string segment, string today, string expected) =>
        Assert.Equal(expected, await Match(segment, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("state = WA and lifetime_value > 100 or city contains off", "c2 c4 c5")]
    [InlineData("state = WA and (lifetime_value > 100 or city contains off)", "c2")]
    [InlineData("not (state = WA or loyalty_member = true)", "c3 c5")]
    [InlineData("not state = WA and not loyalty_member = true", "c3 c5")]
    [InlineData("(state in (WA, CA) or email is empty) and not lifetime_value between 100 and 500", "c3 c4 c5")]
    [InlineData("loyalty_member = yes and (email is empty or last_order_date in last 90 days) and order_count > 1", "c1 c4 c6")]
    public async Task And_or_and_not_combine_as_written(string segment, string expected) =>
        Assert.Equal(expected, await Match(segment));

    [Theory]
    [InlineData("state = \"'; DROP TABLE customer_360; --\"", "c6")]
    [InlineData("given_name = \"x' OR '1'='1\"", "c5")]
    [InlineData("state in (\"'; DROP TABLE customer_360; --\", \"x' OR '1'='1\")", "c6")]
    [InlineData("given_name = \"' OR 1=1 --\"", "")]
    [InlineData("city contains \"'); DELETE FROM customer_360; --\"", "")]
    [InlineData("given_name starts with \"x' OR\"", "c5")]
    [InlineData("email = '$1' or state = '$2'", "")]
    public async Task Hostile_values_match_only_equal_text_and_leave_the_table_alone(string segment, string expected)
    {
        await using var own = new SegmentCustomers();
        await own.InitializeAsync();

        var matched = await own.MatchAsync(Bind(segment), Today);

        Assert.Equal(expected, matched);
        Assert.Equal(SegmentCustomers.Count, await CustomerTables.CountAsync(own.Engine, CustomerSchema.Customer360));
        Assert.Equal("c1 c2 c3 c4 c5 c6", await own.MatchAsync(Bind("customer_id is not empty"), Today));
    }

    private Task<string> Match(string segment) => Match(segment, Today);

    private Task<string> Match(string segment, DateOnly today) => customers.MatchAsync(Bind(segment), today);

    private static SqlStatement Predicate(string segment, string alias, DateOnly today)
    {
        var sql = new SqlBuilder(Dialect);
        SegmentSql.AppendPredicate(sql, Bind(segment), alias, today);
        return sql.Build();
    }

    private static BoundFilter Bind(string text)
    {
        var parsed = SegmentParser.Parse(text);
        Assert.True(parsed.IsValid, $"'{text}' did not parse: {parsed.Error}");
        var bound = SegmentBinder.Bind(parsed.Filter!);
        Assert.True(bound.IsValid, string.Join("; ", bound.Errors.Select(e => $"{e.Path}: {e.Message}")));
        return bound.Value!;
    }
}
