using CampaignBot.Core.Destinations;

namespace CampaignBot.Delivery.Connectors;

// The destination-specific sentences of FailureAdvice: where each service keeps its keys, permissions and rules.
internal static class FailureTexts
{
    public static string NewCredentials(DestinationInstance destination) => destination.Kind switch
    {
        DestinationKind.Klaviyo => "In Klaviyo, open Settings → API keys and create a private key with the lists:write and profiles:write scopes.",
        DestinationKind.Attentive when IsApi(destination) => "In Attentive, open Marketplace → Create app (a private app) with Segments read and write permissions, and copy its API key.",
        // Over SFTP, Attentive's credentials are the segment upload account's.
        DestinationKind.Attentive => "Ask your Attentive contact (White Glove setup) for the current SFTP password of the segment upload account, or confirm the public key is still authorised.",
        DestinationKind.Listrak => "In Listrak, open Integrations → Integrations Management and issue a new client secret for the integration.",
        DestinationKind.Criteo => "In the Criteo Partners Portal, open the app's credentials and generate a new client secret.",
        DestinationKind.TikTokAds => "In TikTok for Business, re-authorise the app for the advertiser account to get a new access token.",
        DestinationKind.MetaAds => "In Meta Business Settings → System users, generate a new token with the ads_management permission for the ad account.",
        DestinationKind.AmazonS3 => "In AWS IAM, create a new access key for the user that writes to the bucket.",
        DestinationKind.GoogleCloudStorage => "In Google Cloud Storage → Settings → Interoperability, create a new HMAC key for the service account.",
        DestinationKind.AzureBlobStorage => "In the Azure portal, copy the storage account's current access key or connection string (keys rotate).",
        DestinationKind.Sftp => "Ask the SFTP server's owner for the current password or confirm the public key is still authorised.",
        _ => "Check the account CampaignBot runs as can still reach the destination.",
    };

    public static string MissingPermission(DestinationInstance destination) => destination.Kind switch
    {
        DestinationKind.Klaviyo => "Give the private API key the lists:write and profiles:write scopes (Settings → API keys).",
        DestinationKind.Attentive when IsApi(destination) => "Give the private app's API key the Segments read and write permissions (Attentive answers 403 without them).",
        DestinationKind.Attentive => "Ask Attentive to let the SFTP account write files in the segment upload folder.",
        DestinationKind.Listrak => "Give the integration permission to manage the list and its fields.",
        DestinationKind.Criteo => "Give the app the Audiences write permission for the advertiser.",
        DestinationKind.TikTokAds => "Make sure the app is authorised for the advertiser and has the audience management permission.",
        DestinationKind.MetaAds => "Accept the Custom Audience terms for the ad account (Audiences page in Ads Manager) and give the system user a role on the ad account.",
        DestinationKind.AmazonS3 or DestinationKind.GoogleCloudStorage => "Allow the key to write objects under the configured bucket and prefix.",
        DestinationKind.AzureBlobStorage => "Allow the credentials to write blobs in the container.",
        DestinationKind.Sftp => "Let the SFTP user create folders and write files in the configured remote folder.",
        _ => "Let the account CampaignBot runs as write to the folder.",
    };

    public static string DataRules(DestinationInstance destination) => destination.Kind switch
    {
        DestinationKind.Attentive => "Attentive takes exactly one identifier per list: email or a phone number with its country (E.164).",
        DestinationKind.Klaviyo or DestinationKind.Listrak or DestinationKind.Criteo => "Every row needs a valid email address.",
        DestinationKind.TikTokAds => "TikTok needs both email and phone, normalized before hashing.",
        DestinationKind.MetaAds => "Meta matches on normalized, SHA-256 hashed keys; check that emails and phones are filled and phones carry their country.",
        _ => "Check the attribute values the campaign sends.",
    };

    public static string Reachability(DestinationInstance destination) => destination.Kind switch
    {
        DestinationKind.Klaviyo => "Check status.klaviyo.com.",
        DestinationKind.MetaAds => "Check metastatus.com for the Marketing API.",
        DestinationKind.AmazonS3 => "Check the AWS Health Dashboard for S3 in the bucket's region, and that CampaignBot can reach the endpoint.",
        DestinationKind.GoogleCloudStorage => "Check status.cloud.google.com for Cloud Storage.",
        DestinationKind.AzureBlobStorage => "Check azure.status.microsoft for Storage in the account's region.",
        DestinationKind.Sftp => "Check the SFTP host is up and reachable from CampaignBot (host, port, firewall).",
        DestinationKind.Attentive when IsApi(destination) => "Check status.attentivemobile.com and that CampaignBot can reach api.attentivemobile.com.",
        DestinationKind.Attentive => "Check Attentive's SFTP host is reachable from CampaignBot (host, port, firewall), and Attentive's status page.",
        DestinationKind.LocalFolder => "Check the disk or network share behind the folder is mounted and has space.",
        _ => "Check the service's status page and that CampaignBot can reach it.",
    };

    public static string Settings(DestinationInstance destination) => destination.Kind switch
    {
        DestinationKind.AmazonS3 or DestinationKind.GoogleCloudStorage => "Location (bucket/prefix), Region and Endpoint.",
        DestinationKind.AzureBlobStorage => "Location (container/prefix) and Endpoint or the connection string's account.",
        DestinationKind.Sftp => "Host, Port, UserName, Location (the remote folder, which must exist) and HostKeyFingerprint (the server's key may have changed: confirm with its owner before updating).",
        DestinationKind.LocalFolder => "Location (a folder, not a file).",
        DestinationKind.Attentive when IsApi(destination) => "Transport (Api), Endpoint (leave it out for api.attentivemobile.com) and RequestsPerSecond.",
        DestinationKind.Attentive => "Host, Port, UserName, Location (the folder Attentive reads segment files from, which must exist), HostKeyFingerprint and ClientDomain.",
        _ => "Endpoint and the account or list settings.",
    };

    // Attentive without Transport Sftp is reached through its Segments API.
    private static bool IsApi(DestinationInstance destination) => destination.Transport != DestinationTransport.Sftp;
}
