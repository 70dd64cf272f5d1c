namespace CampaignBot.Customers.Schema;

/// <param name="Name">The column's name in the engine and in the segment language.</param>
/// <param name="IsPersonal">Personal data: masked in logs, counted by the approval risk rules.</param>
public sealed record CustomerColumn(string Name, ColumnType Type, string Description, bool IsPersonal = false);
