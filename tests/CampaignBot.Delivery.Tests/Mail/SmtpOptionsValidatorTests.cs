using CampaignBot.Delivery.Mail;

namespace CampaignBot.Delivery.Tests.Mail;

public sealed class SmtpOptionsValidatorTests
{
    private static IEnumerable<string> Errors(SmtpOptions options) =>
        new SmtpOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_defaults_are_valid_and_leave_email_off()
    {
        var options = new SmtpOptions();

        Assert.Empty(Errors(options));
        Assert.False(options.IsConfigured);
        Assert.Equal((587, SmtpSecurity.Auto, 30, 10), (options.Port, options.Security, options.TimeoutSeconds, options.MaxAttempts));
    }

    [Fact]
    public void A_full_setup_with_login_is_valid()
    {
        var options = new SmtpOptions { Host = "smtp.example.com", Port = 465, Security = SmtpSecurity.SslOnConnect, UserName = "bot", Password = "secret", From = "alerts@example.com" };

        Assert.Empty(Errors(options));
        Assert.True(options.IsConfigured);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new SmtpOptions { Host = "smtp.example.com", Port = 0, From = "CampaignBot", UserName = "bot", TimeoutSeconds = 0, MaxAttempts = 0 };

        var errors = Errors(options).ToList();

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, error => error.StartsWith("Smtp:Port is 0", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("Smtp:From must be one mailbox", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("Smtp:UserName and Smtp:Password must be set together", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("Smtp:TimeoutSeconds is 0", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("Smtp:MaxAttempts is 0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(-1)]
    public void A_port_outside_the_tcp_range_is_refused(int port) =>
        Assert.Single(Errors(new SmtpOptions { Port = port }));

    [Fact]
    public void A_password_without_a_user_is_refused() =>
        Assert.Single(Errors(new SmtpOptions { Password = "secret" }));

    [Fact]
    public void A_timeout_over_ten_minutes_is_refused() =>
        Assert.Single(Errors(new SmtpOptions { TimeoutSeconds = 601 }));
}
