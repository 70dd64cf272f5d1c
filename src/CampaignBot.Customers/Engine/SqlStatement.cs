namespace CampaignBot.Customers.Engine;

/// <summary>SQL text with positional parameters (<c>$1</c>, <c>$2</c>, … or the engine's form of them); values never enter the text.</summary>
public sealed record SqlStatement(string Text, IReadOnlyList<object?> Parameters)
{
    public override string ToString() => Text;
}
