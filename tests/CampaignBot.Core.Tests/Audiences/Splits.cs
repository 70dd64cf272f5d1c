using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Tests.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Core.Tests.Audiences;

/// <summary>Splitters over the valid draft's plan: Active 10/45/45, At risk 20/40/40, Everyone else 5/47.5/47.5.</summary>
internal static class Splits
{
    public static readonly CampaignId SpringSale = new(Guid.Parse("7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f"));
    public static readonly CampaignId SummerSale = new(Guid.Parse("0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f"));

    public static CampaignDefinition Campaign { get; } =
        new CampaignValidator(new FakeTimeProvider(Drafts.Now)).Validate(Drafts.Valid()).Value
        ?? throw new InvalidOperationException("The test draft must be valid.");

    public static StickySplitter For(CampaignId id) => StickySplitter.For(id, Campaign);

    public static IEnumerable<string> Customers(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => $"C{i:D7}");
}
