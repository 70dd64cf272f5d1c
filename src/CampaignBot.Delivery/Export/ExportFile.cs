namespace CampaignBot.Delivery.Export;

/// <summary>A finished export file: where, how many rows, its size and SHA-256 (lower-case hex).</summary>
public sealed record ExportFile(string Name, long Rows, long Bytes, string Sha256);
