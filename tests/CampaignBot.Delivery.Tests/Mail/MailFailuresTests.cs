using System.Net.Sockets;
using CampaignBot.Delivery.Mail;
using MailKit.Net.Smtp;
using MimeKit;

namespace CampaignBot.Delivery.Tests.Mail;

public sealed class MailFailuresTests
{
    private static readonly MailboxAddress Recipient = new("Bob", "bob@example.com");

    [Fact]
    public void A_5xx_reply_about_a_recipient_is_permanent_and_described_without_the_address()
    {
        var error = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, Recipient, "5.1.1 <bob@example.com>: unknown user");

        Assert.False(MailFailures.IsTransient(error));
        Assert.Equal("SmtpCommandException 550 RecipientNotAccepted", MailFailures.Describe(error));
    }

    [Theory]
    [InlineData(SmtpStatusCode.MailboxBusy)]
    [InlineData(SmtpStatusCode.ServiceNotAvailable)]
    [InlineData(SmtpStatusCode.InsufficientStorage)]
    public void A_4xx_reply_is_transient(SmtpStatusCode status) =>
        Assert.True(MailFailures.IsTransient(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, status, Recipient, "try later")));

    [Fact]
    public void Refused_connections_timeouts_and_dropped_sessions_are_transient()
    {
        Assert.True(MailFailures.IsTransient(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.True(MailFailures.IsTransient(new TimeoutException()));
        Assert.True(MailFailures.IsTransient(new IOException("reset", new SocketException((int)SocketError.ConnectionReset))));
        Assert.True(MailFailures.IsTransient(new SmtpProtocolException("The SMTP server has unexpectedly disconnected.")));
        Assert.Equal("IOException (SocketException ConnectionReset)", MailFailures.Describe(new IOException("reset", new SocketException((int)SocketError.ConnectionReset))));
    }
}
