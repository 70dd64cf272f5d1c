using CampaignBot.Delivery.Mail;

namespace CampaignBot.Delivery.Tests.Mail;

public sealed class OutgoingMailTests
{
    private static OutgoingMail Valid => new() { Id = "alert-1", To = ["oncall@example.com"], Subject = "Alert", Text = "t", Html = "<p>t</p>" };

    [Fact]
    public void The_message_id_is_the_id_at_campaignbot() =>
        Assert.Equal("alert-1@campaignbot", Valid.MessageId);

    [Theory]
    [InlineData("has space")]
    [InlineData("has@at")]
    [InlineData("<bracket>")]
    [InlineData("")]
    public void An_id_that_cannot_be_a_message_id_is_refused(string id) =>
        Assert.Contains("Id must be", Assert.Throws<ArgumentException>(() => (Valid with { Id = id }).EnsureValid()).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("bob")]
    [InlineData("bob@")]
    [InlineData("")]
    [InlineData("Bob <bob@example.com>, eve@example.com")]
    public void A_recipient_that_is_not_one_mailbox_is_refused(string address) =>
        Assert.Throws<ArgumentException>(() => (Valid with { To = [address] }).EnsureValid());

    [Fact]
    public void No_recipients_and_a_multi_line_subject_are_refused_together()
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { To = [], Subject = "Alert\r\nBcc: eve@example.com" }).EnsureValid());

        Assert.Contains("To needs at least one address.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Subject must be one line.", error.Message, StringComparison.Ordinal);
    }
}
