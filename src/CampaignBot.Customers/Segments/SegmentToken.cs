namespace CampaignBot.Customers.Segments;

internal enum TokenKind
{
    Word,
    Quoted,
    Symbol,
    End,
}

/// <param name="Position">1-based character position in the text, for error messages.</param>
internal sealed record SegmentToken(TokenKind Kind, string Text, int Position)
{
    public bool Is(string keywordOrSymbol) =>
        Kind is TokenKind.Word or TokenKind.Symbol && string.Equals(Text, keywordOrSymbol, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the text",
        TokenKind.Quoted => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
