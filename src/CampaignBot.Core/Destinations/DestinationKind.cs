namespace CampaignBot.Core.Destinations;

public enum DestinationKind
{
    Klaviyo,
    Attentive,
    Listrak,
    Criteo,
    TikTokAds,
    MetaAds,
    AmazonS3,
    GoogleCloudStorage,
    AzureBlobStorage,
    Sftp,
    LocalFolder,
}
