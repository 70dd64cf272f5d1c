namespace CampaignBot.Core.Destinations;

/// <summary>
/// The marketing channel a destination reaches customers through, as the send history records it and as frequency
/// caps count it: every kind belongs to exactly one.
/// </summary>
public static class SendChannel
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string PaidMedia = "paid_media";
    public const string Files = "files";

    public static IReadOnlyList<string> All { get; } = [Email, Sms, PaidMedia, Files];

    public static string Of(DestinationKind kind) => kind switch
    {
        DestinationKind.Klaviyo or DestinationKind.Listrak => Email,
        DestinationKind.Attentive => Sms,
        DestinationKind.Criteo or DestinationKind.TikTokAds or DestinationKind.MetaAds => PaidMedia,
        DestinationKind.AmazonS3 or DestinationKind.GoogleCloudStorage or DestinationKind.AzureBlobStorage or DestinationKind.Sftp or DestinationKind.LocalFolder => Files,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Every destination kind needs a send channel."),
    };
}
