namespace CampaignBot.Customers.Segments;

/// <summary>
/// Parses the chat syntax into a <see cref="SegmentFilter"/>:
/// <code>
/// filter    := all ( "or" all )*
/// all       := unary ( "and" unary )*
/// unary     := "not" unary | "(" filter ")" | condition
/// condition := column ( ("=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "contains" | "starts with") value
///                     | "is" ["not"] "empty" | "between" value "and" value
///                     | ["not"] "in" "(" value ("," value)* ")" | "in" ["the"] "last" number unit )
/// </code>
/// e.g. <c>lifetime_value &gt; 500 and state in (WA, OR) and last_order_date in last 90 days</c>.
/// "and" binds tighter than "or". Errors name the position and what was expected.
/// </summary>
public sealed class SegmentParser
{
    public const int MaxLength = 4000;
    private static readonly string[] Units = ["day", "days", "week", "weeks", "month", "months", "year", "years"];

    private readonly IReadOnlyList<SegmentToken> _tokens;
    private int _next;
    private int _depth;

    private SegmentParser(IReadOnlyList<SegmentToken> tokens) => _tokens = tokens;

    public static SegmentParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return SegmentParseResult.Failed(1, "The segment is empty; write a condition such as lifetime_value > 500.");
        }

        if (text.Length > MaxLength)
        {
            return SegmentParseResult.Failed(MaxLength, $"The segment is {text.Length} characters long; keep it to {MaxLength} or fewer.");
        }

        var tokens = SegmentTokenizer.Tokenize(text, out var lexical);
        if (lexical is not null)
        {
            return new SegmentParseResult(null, lexical);
        }

        try
        {
            var parser = new SegmentParser(tokens);
            var filter = parser.ParseAnyOf();
            var rest = parser.Peek;
            return rest.Kind == TokenKind.End
                ? new SegmentParseResult(filter, null)
                : SegmentParseResult.Failed(rest.Position, rest.Is(")")
                    ? $"The ')' at position {rest.Position} has no matching '('."
                    : $"Expected 'and' or 'or' at position {rest.Position} but found {rest.Describe()}.");
        }
        catch (SyntaxException e)
        {
            return new SegmentParseResult(null, e.Error);
        }
    }

    private SegmentToken Peek => _tokens[_next];

    private SegmentFilter ParseAnyOf()
    {
        var filters = new List<SegmentFilter> { ParseAllOf() };
        while (TryTake("or"))
        {
            filters.Add(ParseAllOf());
        }

        return filters.Count == 1 ? filters[0] : new AnyOf(filters);
    }

    private SegmentFilter ParseAllOf()
    {
        var filters = new List<SegmentFilter> { ParseUnary() };
        while (TryTake("and"))
        {
            filters.Add(ParseUnary());
        }

        return filters.Count == 1 ? filters[0] : new AllOf(filters);
    }

    private SegmentFilter ParseUnary()
    {
        var opener = Peek;
        if (TryTake("not"))
        {
            return new Not(Nested(opener, ParseUnary));
        }

        if (TryTake("("))
        {
            var inner = Nested(opener, ParseAnyOf);
            if (!TryTake(")"))
            {
                throw Fail(Peek, $"The '(' at position {opener.Position} is never closed; expected ')' at position {Peek.Position} but found {Peek.Describe()}.");
            }

            return inner;
        }

        return ParseCondition();
    }

    // Each "not" and each "(" is one level (SegmentBinder.MaxDepth, docs/segments.md); the cap also keeps hostile
    // input from exhausting the stack, as only these two recurse.
    private SegmentFilter Nested(SegmentToken opener, Func<SegmentFilter> parse)
    {
        if (++_depth > SegmentBinder.MaxDepth)
        {
            throw Fail(opener, $"The filter nests more than {SegmentBinder.MaxDepth} levels deep at position {opener.Position} (each '(' and each 'not' is a level); simplify it.");
        }

        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private Condition ParseCondition()
    {
        var column = Take();
        if (column.Kind != TokenKind.Word || IsKeyword(column.Text))
        {
            throw Fail(column, $"Expected a column name at position {column.Position} but found {column.Describe()}.");
        }

        var at = column.Position;
        var op = Take();
        if (op.Kind == TokenKind.Symbol && FilterOperators.TryParse(op.Text, out var comparison))
        {
            return new Condition(column.Text, comparison, [Value()], at);
        }

        switch (op.Kind == TokenKind.Word ? op.Text.ToLowerInvariant() : "")
        {
            case "contains":
                return new Condition(column.Text, FilterOperator.Contains, [Value()], at);
            case "starts":
                Expect("with", "'with' after 'starts'");
                return new Condition(column.Text, FilterOperator.StartsWith, [Value()], at);
            case "is":
                var negated = TryTake("not");
                Expect("empty", negated ? "'empty' after 'is not'" : "'empty' or 'not empty' after 'is'");
                return new Condition(column.Text, negated ? FilterOperator.IsNotEmpty : FilterOperator.IsEmpty, [], at);
            case "between":
                var low = Value();
                Expect("and", "'and' between the two bounds of 'between'");
                return new Condition(column.Text, FilterOperator.Between, [low, Value()], at);
            case "not":
                Expect("in", "'in (…)' after 'not'");
                return new Condition(column.Text, FilterOperator.NotIn, List(), at);
            case "in":
                return Peek.Is("(") ? new Condition(column.Text, FilterOperator.In, List(), at) : RelativeDate(column, at);
            default:
                throw Fail(op, $"Expected a comparison after '{column.Text}' at position {op.Position} ({FilterOperators.AllTexts}) but found {op.Describe()}.");
        }
    }

    private Condition RelativeDate(SegmentToken column, int at)
    {
        TryTake("the");
        Expect("last", "'(' for a list or 'last N days' after 'in'");
        var amount = Take();
        if (amount.Kind != TokenKind.Word || !int.TryParse(amount.Text, out var n) || n <= 0)
        {
            throw Fail(amount, $"Expected a whole number of days, weeks, months or years at position {amount.Position} but found {amount.Describe()}.");
        }

        var unit = Take();
        if (unit.Kind != TokenKind.Word || !Units.Contains(unit.Text.ToLowerInvariant()))
        {
            throw Fail(unit, $"Expected days, weeks, months or years at position {unit.Position} but found {unit.Describe()}.");
        }

        var singular = unit.Text.ToLowerInvariant().TrimEnd('s');
        return new Condition(column.Text, FilterOperator.InLast, [n.ToString(System.Globalization.CultureInfo.InvariantCulture), singular + "s"], at);
    }

    private List<string> List()
    {
        var open = Peek;
        Expect("(", "'(' to start the list of values");
        var values = new List<string> { Value() };
        while (TryTake(","))
        {
            values.Add(Value());
        }

        if (!TryTake(")"))
        {
            throw Fail(Peek, $"Expected ',' or ')' at position {Peek.Position} to continue the list opened at position {open.Position} but found {Peek.Describe()}.");
        }

        return values;
    }

    // Only a value can stand here, so keywords are values too: state in (WA, OR) means Oregon.
    private string Value()
    {
        var after = _tokens[_next - 1];
        var value = Take();
        if (value.Kind is TokenKind.Quoted or TokenKind.Word)
        {
            return value.Text;
        }

        throw Fail(value, $"Expected a value after '{after.Text}' at position {value.Position} but found {value.Describe()}.");
    }

    private void Expect(string keyword, string what)
    {
        if (!TryTake(keyword))
        {
            throw Fail(Peek, $"Expected {what} at position {Peek.Position} but found {Peek.Describe()}.");
        }
    }

    private bool TryTake(string keywordOrSymbol)
    {
        if (!Peek.Is(keywordOrSymbol))
        {
            return false;
        }

        _next++;
        return true;
    }

    private SegmentToken Take()
    {
        var token = Peek;
        if (token.Kind != TokenKind.End)
        {
            _next++;
        }

        return token;
    }

    private static bool IsKeyword(string word) => word.ToLowerInvariant() is "and" or "or" or "not";

    private static SyntaxException Fail(SegmentToken at, string message) => new(new SegmentSyntaxError(at.Position, message));

    // Unwinds the recursive descent to Parse, which turns it into a result; never escapes this class.
    private sealed class SyntaxException(SegmentSyntaxError error) : Exception(error.Message)
    {
        public SegmentSyntaxError Error { get; } = error;
    }
}

public sealed record SegmentParseResult(SegmentFilter? Filter, SegmentSyntaxError? Error)
{
    public bool IsValid => Filter is not null;

    public static SegmentParseResult Failed(int position, string message) => new(null, new SegmentSyntaxError(position, message));
}
