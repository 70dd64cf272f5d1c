using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.Delivery.Tests.Connectors;

public sealed class ConnectorFactoryTests
{
    private readonly ConnectorFactory _factory = new(Path.GetTempPath());

    [Fact]
    public void A_local_folder_destination_gets_the_local_folder_connector()
    {
        var instance = new DestinationInstance { Name = "outbox", Kind = DestinationKind.LocalFolder };

        Assert.True(_factory.Supports(DestinationKind.LocalFolder));
        Assert.Same(instance, Assert.IsType<LocalFolderConnector>(_factory.Create(instance)).Instance);
    }

    [Theory]
    [InlineData(DestinationKind.AmazonS3)]
    [InlineData(DestinationKind.GoogleCloudStorage)]
    [InlineData(DestinationKind.AzureBlobStorage)]
    [InlineData(DestinationKind.Sftp)]
    [InlineData(DestinationKind.Klaviyo)]
    public void Kinds_without_a_connector_yet_are_not_supported_and_say_so_by_name(DestinationKind kind)
    {
        var instance = new DestinationInstance { Name = "not-yet", Kind = kind, Location = "bucket/path", CredentialsReference = "Secrets:NotYet" };

        Assert.False(_factory.Supports(kind));
        var error = Assert.Throws<InvalidOperationException>(() => _factory.Create(instance));
        Assert.Contains("'not-yet'", error.Message, StringComparison.Ordinal);
        Assert.Contains(instance.Descriptor.DisplayName, error.Message, StringComparison.Ordinal);
    }
}
