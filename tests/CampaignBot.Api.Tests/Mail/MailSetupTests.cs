using CampaignBot.App.Mail;

namespace CampaignBot.Api.Tests.Mail;

public sealed class MailSetupTests
{
    [Fact]
    public void Bad_smtp_settings_stop_the_service_at_start_with_every_problem_and_no_secret()
    {
        var failure = StartupValidation.Failure(
            new Dictionary<string, string?> { ["Smtp:Host"] = "smtp.example.com", ["Smtp:Port"] = "70000", ["Smtp:Password"] = "hunter2-secret" },
            services => services.AddMail());

        Assert.Equal(2, failure.Failures.Count());
        Assert.Contains("Smtp:Port is 70000", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Smtp:UserName and Smtp:Password must be set together", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
    }
}
