using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class SendChannelTests
{
    [Theory]
    [InlineData(DestinationKind.Klaviyo, "email")]
    [InlineData(DestinationKind.Listrak, "email")]
    [InlineData(DestinationKind.Attentive, "sms")]
    [InlineData(DestinationKind.Criteo, "paid_media")]
    [InlineData(DestinationKind.TikTokAds, "paid_media")]
    [InlineData(DestinationKind.MetaAds, "paid_media")]
    [InlineData(DestinationKind.AmazonS3, "files")]
    [InlineData(DestinationKind.GoogleCloudStorage, "files")]
    [InlineData(DestinationKind.AzureBlobStorage, "files")]
    [InlineData(DestinationKind.Sftp, "files")]
    [InlineData(DestinationKind.LocalFolder, "files")]
    public void Each_destination_kind_sends_through_its_channel(DestinationKind kind, string channel) => Assert.Equal(channel, SendChannel.Of(kind));

    [Fact]
    public void Every_destination_kind_has_a_channel() =>
        Assert.All(Enum.GetValues<DestinationKind>(), kind => Assert.Contains(SendChannel.Of(kind), SendChannel.All));
}
