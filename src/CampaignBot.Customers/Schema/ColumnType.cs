namespace CampaignBot.Customers.Schema;

/// <summary>The value kinds customer columns hold; segment operators and values are checked against them.</summary>
public enum ColumnType
{
    Text,
    Integer,
    Money,
    Fraction,
    Date,
    Boolean,
}
