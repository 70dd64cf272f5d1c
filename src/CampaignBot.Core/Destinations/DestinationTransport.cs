namespace CampaignBot.Core.Destinations;

/// <summary>How a platform destination that offers more than one way in is reached (Attentive: its API or its SFTP upload).</summary>
public enum DestinationTransport
{
    /// <summary>The platform's HTTP API.</summary>
    Api,

    /// <summary>Files on the platform's SFTP server (Attentive's subscriber segment upload).</summary>
    Sftp,
}
