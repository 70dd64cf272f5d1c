using CampaignBot.App.Runs;
using CampaignBot.Core.Destinations;

namespace CampaignBot.Api.Tests.Runs;

public sealed class DeliveryBatchSizeTests
{
    private static readonly DestinationInstance AttentiveSftp = new() { Name = "attentive", Kind = DestinationKind.Attentive, Transport = DestinationTransport.Sftp };
    private static readonly DestinationInstance Klaviyo = new() { Name = "klaviyo", Kind = DestinationKind.Klaviyo };

    [Theory]
    [InlineData(0, 500_000)]
    [InlineData(1_000, 1_000)]
    [InlineData(2_000_000, 500_000)]
    public void Attentive_over_sftp_batches_by_the_smaller_of_the_setting_and_its_500000_rows_per_file(int configured, int expected)
    {
        Assert.Equal(expected, DeliveryRunner.BatchSizeFor(configured, AttentiveSftp));
    }

    [Fact]
    public void A_configured_batch_size_never_exceeds_an_apis_call_size()
    {
        Assert.Equal((10_000, 10_000, 250), (DeliveryRunner.BatchSizeFor(0, Klaviyo), DeliveryRunner.BatchSizeFor(50_000, Klaviyo), DeliveryRunner.BatchSizeFor(250, Klaviyo)));
    }
}
