using CampaignBot.Delivery.Mail;
using CampaignBot.Delivery.Tests.Connectors.Files;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CampaignBot.Delivery.Tests.Mail;

public sealed class SmtpMailSenderTests
{
    [Fact]
    public async Task Delivers_subject_recipients_sender_text_html_and_message_id_to_a_real_smtp_server()
    {
        var token = MailDev.Token();
        var mail = new OutgoingMail
        {
            Id = $"test-{token}",
            To = ["Oncall One <oncall1@example.com>", "oncall2@example.org"],
            Subject = $"Run failed {token}",
            Text = "The run of Spring sale failed: Klaviyo answered 503.",
            Html = "<p>The run of <b>Spring sale</b> failed: Klaviyo answered 503.</p>",
        };

        await MailDev.Sender().SendAsync(mail, CancellationToken.None);

        var received = await MailDev.WaitForSubjectAsync(token);
        Assert.Equal($"Run failed {token}", received.Subject);
        Assert.Equal(["oncall1@example.com", "oncall2@example.org"], received.To.Select(to => to.Address).Order());
        Assert.Equal(("campaignbot-tests@example.com", "CampaignBot Tests"), (received.From.Single().Address, received.From.Single().Name));
        Assert.Contains("Klaviyo answered 503.", received.Text, StringComparison.Ordinal);
        Assert.Contains("<b>Spring sale</b>", received.Html, StringComparison.Ordinal);
        Assert.Equal($"<test-{token}@campaignbot>", received.Headers["message-id"]);
        using var source = await MailDev.SourceAsync(received);
        var alternative = Assert.IsType<MultipartAlternative>(source.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
    }

    [Fact]
    public async Task An_invalid_recipient_fails_before_connecting()
    {
        // Nothing listens on the port: had the sender connected, this would be a socket error instead.
        var options = new SmtpOptions { Host = "127.0.0.1", Port = TestServers.ClosedPort(), Security = SmtpSecurity.None };
        var mail = new OutgoingMail { Id = "invalid-recipient", To = ["oncall@example.com", "not an address"], Subject = "Alert", Text = "t", Html = "<p>t</p>" };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new SmtpMailSender(Options.Create(options)).SendAsync(mail, CancellationToken.None));

        Assert.Contains("To[1] is not a valid email address", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not an address", error.Message, StringComparison.Ordinal);
        Assert.False(MailFailures.IsTransient(error));
    }

    [Fact]
    public async Task A_server_that_is_down_fails_with_a_transient_error()
    {
        var options = new SmtpOptions { Host = "127.0.0.1", Port = TestServers.ClosedPort(), Security = SmtpSecurity.None, TimeoutSeconds = 5 };
        var mail = new OutgoingMail { Id = "server-down", To = ["oncall@example.com"], Subject = "Alert", Text = "t", Html = "<p>t</p>" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => new SmtpMailSender(Options.Create(options)).SendAsync(mail, CancellationToken.None));

        Assert.True(MailFailures.IsTransient(error), MailFailures.Describe(error));
        Assert.Equal("SocketException ConnectionRefused", MailFailures.Describe(error));
    }

    [Fact]
    public async Task Sending_without_a_configured_host_is_refused()
    {
        var mail = new OutgoingMail { Id = "no-host", To = ["oncall@example.com"], Subject = "Alert", Text = "t", Html = "<p>t</p>" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => new SmtpMailSender(Options.Create(new SmtpOptions())).SendAsync(mail, CancellationToken.None));
    }

    [Theory]
    [InlineData(SmtpSecurity.Auto, MailKit.Security.SecureSocketOptions.Auto)]
    [InlineData(SmtpSecurity.None, MailKit.Security.SecureSocketOptions.None)]
    [InlineData(SmtpSecurity.StartTls, MailKit.Security.SecureSocketOptions.StartTls)]
    [InlineData(SmtpSecurity.SslOnConnect, MailKit.Security.SecureSocketOptions.SslOnConnect)]
    public void Each_security_mode_maps_to_mailkit(SmtpSecurity security, MailKit.Security.SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpMailSender.ToMailKit(security));
}
