namespace CampaignBot.Customers.Schema;

/// <summary>
/// The two customer tables of the seed documents: <c>customer_360</c>, which segments are evaluated
/// against, and <c>merged_customers</c>, the best PII per customer and the default source of the
/// attributes sent to destinations. Plus <c>suppressions</c>: customers who must never be sent to.
/// </summary>
public static class CustomerSchema
{
    /// <summary>Customers (by id) or addresses (by email) never to send to, for one channel or "all".</summary>
    public const string Suppressions = "suppressions";

    /// <summary>The suppression channel that applies to every destination.</summary>
    public const string AllChannels = "all";

    public static CustomerTable Customer360 { get; } = new("customer_360",
    [
        new("customer_id", ColumnType.Text, "Customer id"),
        new("given_name", ColumnType.Text, "Given name", IsPersonal: true),
        new("surname", ColumnType.Text, "Surname", IsPersonal: true),
        new("email", ColumnType.Text, "Email address", IsPersonal: true),
        new("phone", ColumnType.Text, "Phone number", IsPersonal: true),
        new("birthdate", ColumnType.Date, "Date of birth", IsPersonal: true),
        new("gender", ColumnType.Text, "Gender (f, m, x or empty)", IsPersonal: true),
        new("city", ColumnType.Text, "City"),
        new("state", ColumnType.Text, "State or region code"),
        new("postal_code", ColumnType.Text, "Postal code", IsPersonal: true),
        new("country", ColumnType.Text, "ISO country code"),
        new("lifetime_value", ColumnType.Money, "Lifetime value (revenue to date)"),
        new("predicted_clv", ColumnType.Money, "Predicted customer lifetime value"),
        new("churn_risk", ColumnType.Fraction, "Churn risk, 0 to 1"),
        new("lifecycle_status", ColumnType.Text, "active, cooling down, at risk or lapsed"),
        new("favorite_category", ColumnType.Text, "Most bought product category"),
        new("loyalty_member", ColumnType.Boolean, "Loyalty programme member"),
        new("email_opt_in", ColumnType.Boolean, "Agreed to email marketing"),
        new("sms_opt_in", ColumnType.Boolean, "Agreed to SMS marketing"),
        new("last_order_date", ColumnType.Date, "Date of the last order"),
        new("order_count", ColumnType.Integer, "Orders to date"),
        new("idfa", ColumnType.Text, "Apple advertising id", IsPersonal: true),
        new("aaid", ColumnType.Text, "Android advertising id", IsPersonal: true),
    ]);

    public static CustomerTable MergedCustomers { get; } = new("merged_customers",
    [
        new("customer_id", ColumnType.Text, "Customer id"),
        new("email", ColumnType.Text, "Best known email address", IsPersonal: true),
        new("phone", ColumnType.Text, "Best known phone number", IsPersonal: true),
        new("given_name", ColumnType.Text, "Given name", IsPersonal: true),
        new("surname", ColumnType.Text, "Surname", IsPersonal: true),
        new("birthdate", ColumnType.Date, "Date of birth", IsPersonal: true),
        new("gender", ColumnType.Text, "Gender", IsPersonal: true),
        new("city", ColumnType.Text, "City"),
        new("state", ColumnType.Text, "State or region code"),
        new("postal_code", ColumnType.Text, "Postal code", IsPersonal: true),
        new("country", ColumnType.Text, "ISO country code"),
        new("idfa", ColumnType.Text, "Apple advertising id", IsPersonal: true),
        new("aaid", ColumnType.Text, "Android advertising id", IsPersonal: true),
    ]);

    /// <summary>
    /// The suppressions' columns: a row names a customer id, an address or both, and the channel it holds for
    /// (<see cref="AllChannels"/> for every channel). Not a customer table: most rows have no customer id.
    /// </summary>
    public static CustomerTable SuppressionList { get; } = new(Suppressions,
    [
        new("customer_id", ColumnType.Text, "Customer id, when the suppression is by customer"),
        new("email", ColumnType.Text, "Email address, when the suppression is by address", IsPersonal: true),
        new("channel", ColumnType.Text, "The channel it holds for (email, sms, ...) or all"),
        new("reason", ColumnType.Text, "Why (opt-out, complaint, legal hold)"),
    ]);

    /// <summary>Purchase history: one row per order, read by campaign results (docs/results.md).</summary>
    public const string Transactions = "transactions";

    /// <summary>Orders, many per customer; what results count as conversions and revenue.</summary>
    public static CustomerTable TransactionList { get; } = new(Transactions,
    [
        new("customer_id", ColumnType.Text, "Customer id"),
        new("order_id", ColumnType.Text, "Order id"),
        new("ordered_at", ColumnType.Timestamp, "When the order was placed (UTC)"),
        new("amount", ColumnType.Money, "Order total"),
        new("channel", ColumnType.Text, "Where the order was placed (web, store, app)"),
    ]);

    /// <summary>The send history the run pipeline records: who got which campaign, through which channel, and who was held back.</summary>
    public const string CampaignSends = "campaign_sends";

    /// <summary>
    /// One row per customer a destination accepted in a run (channel and destination set), and one per control-group
    /// member per run (<c>is_control</c>, channel and destination null). Written by CampaignBot, read by results.
    /// </summary>
    public static CustomerTable CampaignSendList { get; } = new(CampaignSends,
    [
        new("customer_id", ColumnType.Text, "Customer id"),
        new("campaign_id", ColumnType.Text, "Campaign id"),
        new("run_id", ColumnType.Text, "Run id"),
        new("sub_audience", ColumnType.Text, "Sub-audience name"),
        new("group_name", ColumnType.Text, "Recipient or control group name"),
        new("is_control", ColumnType.Boolean, "Held back as the sub-audience's control"),
        new("channel", ColumnType.Text, "email, sms, paid_media or files; empty for control rows"),
        new("destination", ColumnType.Text, "Destination instance name; empty for control rows"),
        new("sent_at", ColumnType.Timestamp, "When the destination accepted the rows, or the run recorded its control (UTC)"),
    ]);

    /// <summary>The customer tables segments and attributes read (one row per customer id).</summary>
    public static IReadOnlyList<CustomerTable> Tables { get; } = [Customer360, MergedCustomers];

    /// <summary>Every table users bring data for, by import or by mapping.</summary>
    public static IReadOnlyList<CustomerTable> DataTables { get; } = [Customer360, MergedCustomers, SuppressionList, TransactionList, CampaignSendList];

    /// <summary>The tables of events per customer (many rows per customer id) results read.</summary>
    public static IReadOnlyList<CustomerTable> EventTables { get; } = [TransactionList, CampaignSendList];

    public static CustomerTable? FindDataTable(string? name) =>
        DataTables.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static CustomerTable? FindTable(string? name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static readonly string[] LifecycleStatuses = ["active", "cooling down", "at risk", "lapsed"];
}
