using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;

namespace CampaignBot.Delivery.Mail;

/// <summary>Sorts send failures into "try again later" and "this mail will never go", and names them for logs.</summary>
public static class MailFailures
{
    /// <summary>
    /// False only when resending the same mail cannot succeed: a 5xx reply (RFC 5321: permanent, e.g. a rejected
    /// recipient) or a mail that cannot be built. Everything else (refused or dropped connections, timeouts, 4xx
    /// replies, a failed login or TLS handshake) is the server's or the configuration's state, which can change,
    /// so the mail is kept for retries; the outbox's attempt limit bounds them.
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        SmtpCommandException command => (int)command.StatusCode is < 500 or > 599,
        ArgumentException or FormatException or ParseException => false,
        _ => true,
    };

    /// <summary>
    /// The failure's class and code, e.g. "SmtpCommandException 550 RecipientNotAccepted" or "SocketException
    /// ConnectionRefused". Never the message: servers echo addresses in their replies.
    /// </summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var name = error.GetType().Name;
        return error switch
        {
            SmtpCommandException command => $"{name} {(int)command.StatusCode} {command.ErrorCode}",
            SocketException socket => $"{name} {socket.SocketErrorCode}",
            IOException { InnerException: SocketException socket } => $"{name} ({nameof(SocketException)} {socket.SocketErrorCode})",
            _ => name,
        };
    }
}
