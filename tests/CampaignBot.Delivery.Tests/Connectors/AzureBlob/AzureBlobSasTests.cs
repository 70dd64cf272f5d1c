using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.AzureBlob;

namespace CampaignBot.Delivery.Tests.Connectors.AzureBlob;

/// <summary>A SAS connection string: its signature is a credential, so it stays out of references, reasons and logs.</summary>
public sealed class AzureBlobSasTests
{
    private const string Signature = "c2VjcmV0LXNpZ25hdHVyZS1ub3QtdG8tbG9n";

    [Fact]
    public void Blobs_are_located_without_the_shared_access_signature()
    {
        var instance = new DestinationInstance
        {
            Name = "drop", Kind = DestinationKind.AzureBlobStorage, Location = "exports/campaignbot", CredentialsReference = "Secrets:Drop",
        };
        var connector = new AzureBlobConnector(instance, new Dictionary<string, string>
        {
            [DestinationCredentials.ConnectionString] =
                $"BlobEndpoint=https://acme.blob.core.windows.net/;SharedAccessSignature=sv=2024-08-04&ss=b&srt=co&sp=rwlc&se=2030-01-01T00:00:00Z&sig={Signature}%3D",
        }, TimeProvider.System);

        Assert.Equal("https://acme.blob.core.windows.net/exports/campaignbot/run-1/part.csv", connector.Locate("run-1/part.csv"));
        Assert.DoesNotContain(Signature, connector.Locate(""), StringComparison.Ordinal);
    }
}
