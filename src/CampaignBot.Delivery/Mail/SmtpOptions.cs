using System.Diagnostics.CodeAnalysis;

namespace CampaignBot.Delivery.Mail;

/// <summary>How the connection to the SMTP server is secured; the names follow MailKit's SecureSocketOptions.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// The "Smtp" section. Email is off while <see cref="Host"/> is empty: mails wait in the outbox until it is set.
/// Set <see cref="UserName"/> and <see cref="Password"/> through the environment (Smtp__UserName, Smtp__Password).
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Authentication is skipped when empty (a relay that trusts the network).</summary>
    public string? UserName { get; set; }

    /// <summary>Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender mailbox, with or without a display name.</summary>
    public string From { get; set; } = "CampaignBot <campaignbot@localhost>";

    /// <summary>Per network operation (connect, each command), not for the whole send.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Send attempts per mail, the first included, before the outbox gives up on it.</summary>
    public int MaxAttempts { get; set; } = 10;

    [MemberNotNullWhen(true, nameof(Host))]
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
