namespace CampaignBot.Customers.Segments;

/// <param name="Position">1-based character position the message points at.</param>
public sealed record SegmentSyntaxError(int Position, string Message);
