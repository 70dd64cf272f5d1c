namespace CampaignBot.Core.CrossCampaign;

/// <summary>The channels a delivery goes out on, as the send history records them and caps are configured.</summary>
public static class DeliveryChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string PaidMedia = "paid_media";
    public const string Files = "files";

    public static IReadOnlyList<string> All { get; } = [Email, Sms, PaidMedia, Files];
}
