using CampaignBot.App.Runs;
using CampaignBot.Core.Destinations;

namespace CampaignBot.Api.Tests.Runs;

public sealed class DeliveryBatchSizeTests
{
    private static readonly DestinationInstance AttentiveSftp = new() { Name = "attentive", Kind = DestinationKind.Attentive, Transport = DestinationTransport.Sftp };
    private static readonly DestinationInstance Klaviyo = new() { Name = "klaviyo", Kind = DestinationKind.Klaviyo };
    private static readonly DestinationInstance Outbox = new() { Name = "outbox", Kind = DestinationKind.LocalFolder };

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

    [Fact]
    public void By_default_a_file_destination_batches_100000_rows_so_a_run_never_holds_a_whole_million_row_part_in_memory()
    {
        var configured = new SchedulerOptions().BatchSize;

        Assert.Equal(1_000_000, DeliveryRunner.BatchSizeFor(0, Outbox));
        Assert.Equal(100_000, DeliveryRunner.BatchSizeFor(configured, Outbox));
        Assert.Equal(10_000, DeliveryRunner.BatchSizeFor(configured, Klaviyo));
    }
}
