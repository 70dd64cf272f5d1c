namespace CampaignBot.Customers.Schema;

/// <summary>The value kinds customer columns hold; segment operators and values are checked against them.</summary>
public enum ColumnType
{
    Text,
    Integer,
    Money,
    Fraction,
    Date,

    /// <summary>A moment, stored in UTC without a zone (orders and sends).</summary>
    Timestamp,
    Boolean,
}
