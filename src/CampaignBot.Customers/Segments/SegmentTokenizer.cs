namespace CampaignBot.Customers.Segments;

/// <summary>
/// Splits the chat syntax into words, quoted strings ('at risk' or "at risk", a doubled quote escapes)
/// and the symbols <c>( ) , = != &lt;&gt; &lt; &lt;= &gt; &gt;=</c>.
/// </summary>
internal static class SegmentTokenizer
{
    public static IReadOnlyList<SegmentToken> Tokenize(string text, out SegmentSyntaxError? error)
    {
        var tokens = new List<SegmentToken>();
        error = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                if (!TryReadQuoted(text, ref i, out var quoted))
                {
                    error = new SegmentSyntaxError(i + 1, $"The quote {c} at position {i + 1} is never closed.");
                    return tokens;
                }

                tokens.Add(quoted);
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new SegmentToken(TokenKind.Symbol, c.ToString(), ++i));
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var start = i;
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                var symbol = two is "!=" or "<>" or "<=" or ">=" or "==" ? two : c.ToString();
                if (symbol == "!")
                {
                    error = new SegmentSyntaxError(start + 1, $"Unexpected '!' at position {start + 1}; did you mean '!='?");
                    return tokens;
                }

                i += symbol.Length;
                tokens.Add(new SegmentToken(TokenKind.Symbol, symbol == "==" ? "=" : symbol, start + 1));
            }
            else
            {
                var start = i;
                while (i < text.Length && IsWordCharacter(text[i]))
                {
                    i++;
                }

                if (i == start)
                {
                    error = new SegmentSyntaxError(start + 1, $"Unexpected '{c}' at position {start + 1}; put values with unusual characters in quotes.");
                    return tokens;
                }

                tokens.Add(new SegmentToken(TokenKind.Word, text[start..i], start + 1));
            }
        }

        tokens.Add(new SegmentToken(TokenKind.End, "", text.Length + 1));
        return tokens;
    }

    // Bare values may hold what ids, emails, dates, money and phone numbers need.
    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '@' or '+' or ':' or '/' or '$' or '%' or '#';

    private static bool TryReadQuoted(string text, ref int i, out SegmentToken token)
    {
        var quote = text[i];
        var start = i;
        var value = new System.Text.StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                token = new SegmentToken(TokenKind.Quoted, value.ToString(), start + 1);
                return true;
            }

            value.Append(text[i++]);
        }

        i = start;
        token = new SegmentToken(TokenKind.End, "", start + 1);
        return false;
    }
}
