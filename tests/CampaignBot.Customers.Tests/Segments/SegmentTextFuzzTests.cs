using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;
using CampaignBot.Tests.Fuzzing;
using Xunit.Abstractions;

namespace CampaignBot.Customers.Tests.Segments;

/// <summary>
/// Thousands of generated, mutated and random segment texts: the parser answers each with a filter or its own
/// <see cref="SegmentSyntaxError"/>, never an exception; what parses binds, renders as SQL and prints back to
/// text that reads the same, without an exception either.
/// </summary>
public sealed class SegmentTextFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 6000;
    private static readonly DuckDbEngine Dialect = new("sql-text-only.duckdb");
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly string[] Corpus =
    [
        "lifetime_value > 500 and state in (WA, OR) and last_order_date in last 90 days",
        "lifecycle_status in ('at risk', 'cooling down') or (loyalty_member = true and not email is empty)",
        "order_count between 2 and 5",
        "email contains '@example.com' and phone is not empty",
        "churn_risk >= 70% or predicted_clv > $1,000.50",
        "not (state != WA or city starts with 'San ''Jose''')",
        "birthdate < 1990-01-31 and gender not in (f, x)",
        "last_order_date in the last 6 months and sms_opt_in = yes",
    ];

    private static readonly string[] Columns = [.. CustomerSchema.Customer360.Columns.Select(c => c.Name), "lifetim_value", "Stâte", "名前", "x", "_", "emoji👩‍💻"];

    private static readonly string[] Operators =
        ["=", "!=", "==", "<>", "<", "<=", ">", ">=", "contains", "starts with", "is empty", "is not empty", "in", "not in", "between", "in last", "in the last", "!", "=<", "is"];

    private static readonly string[] Values =
    [
        "500", "$1,000", "70%", "0.25", "-3", "1e400", "9999999999999999999999999999", "-9223372036854775809", "NaN", "Infinity", "2026-01-31", "2026-02-30",
        "true", "no", "WA", "'at risk'", "'O''Brien'", "\"quoted\"", "'👩‍💻'", "'\u202Eevil'", "'\0'", "'中文'", "''", "'unterminated", "90 days", "100000 years",
        "-1 months", "2147483648 days", "and", "or", "not", "(", ")",
    ];

    [Fact]
    public void Only_the_parsers_own_error_ever_comes_out()
    {
        var fuzz = new Fuzz();
        output.WriteLine($"Fuzz seed {fuzz.Seed} (CAMPAIGNBOT_GENERATIVE_SEED overrides it), {Cases} cases.");
        var parsed = 0;

        fuzz.Cases(Cases, i => (i % 3) switch
        {
            0 => Expression(fuzz, 0),
            1 => fuzz.Mutate(fuzz.Pick(Corpus)),
            _ => fuzz.RandomText(200),
        }, text =>
        {
            if (Check(text))
            {
                parsed++;
            }
        });

        output.WriteLine($"{parsed} of {Cases} texts parsed and bound.");
        Assert.InRange(parsed, Cases / 50, Cases);
    }

    [Fact]
    public void Deep_nesting_and_huge_inputs_are_refused_by_the_parser_itself()
    {
        var fuzz = new Fuzz();
        output.WriteLine($"Fuzz seed {fuzz.Seed}.");

        fuzz.Cases(300, i => i switch
        {
            < 100 => string.Concat(Enumerable.Repeat(fuzz.Pick(["(", "not ", "not (", "((", " and ("]), 20 + i * 20)) + "state = WA",
            < 200 => new string(fuzz.Pick(['(', ')', '\'', '"', ',', '=']), SegmentParser.MaxLength - 50 + i),
            _ => string.Concat(Enumerable.Repeat("state = WA or ", 1 + i)),
        }, text => Check(text));
    }

    /// <summary>True when the text parsed and bound; throws only when something other than the parser's own answer came out.</summary>
    private static bool Check(string text)
    {
        var result = SegmentParser.Parse(text);
        if (result.Filter is null)
        {
            Assert.NotNull(result.Error);
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
            Assert.InRange(result.Error.Position, 1, Math.Max(text.Length + 1, SegmentParser.MaxLength));
            return false;
        }

        Assert.Null(result.Error);
        var bound = SegmentBinder.Bind(result.Filter);
        var printed = SegmentText.Format(result.Filter);
        var reread = SegmentParser.Parse(printed);
        Assert.True(reread.IsValid, $"'{printed}' does not parse again: {reread.Error}");
        Assert.Equal(printed, SegmentText.Format(reread.Filter!));
        if (!bound.IsValid)
        {
            Assert.All(bound.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            return false;
        }

        Assert.True(SegmentBinder.Bind(reread.Filter!).IsValid);
        var sql = new SqlBuilder(Dialect);
        SegmentSql.AppendPredicate(sql, bound.Value!, "c", Today);
        return true;
    }

    private static string Expression(Fuzz fuzz, int depth) => fuzz.Random.Next(8) switch
    {
        0 when depth < 40 => "not " + Expression(fuzz, depth + 1),
        1 when depth < 40 => "(" + Expression(fuzz, depth + 1) + ")",
        2 when depth < 5 => Expression(fuzz, depth + 1) + " and " + Expression(fuzz, depth + 1),
        3 when depth < 5 => Expression(fuzz, depth + 1) + " or " + Expression(fuzz, depth + 1),
        _ => Condition(fuzz),
    };

    private static string Condition(Fuzz fuzz)
    {
        var op = fuzz.Pick(Operators);
        var values = op switch
        {
            "in" or "not in" when fuzz.Chance(0.8) => "(" + string.Join(", ", Enumerable.Range(0, fuzz.Random.Next(0, 5)).Select(_ => fuzz.Pick(Values))) + ")",
            "between" => $"{fuzz.Pick(Values)} and {fuzz.Pick(Values)}",
            "is empty" or "is not empty" => "",
            _ => fuzz.Pick(Values),
        };
        var condition = $"{fuzz.Pick(Columns)} {op} {values}";
        return fuzz.Chance(0.1) ? fuzz.Mutate(condition) : condition;
    }
}
