using CampaignBot.App.Alerts;
using CampaignBot.App.Mail;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Tests.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Alerts;

/// <summary>Alert mail through the real outbox and SMTP sender to the maildev scripts/test.sh starts, read back from it.</summary>
public sealed class AlertEmailTests
{
    [Fact]
    public async Task A_failed_delivery_mails_on_call_staff_and_the_author_the_cause_and_fix_steps_in_both_parts()
    {
        var token = MailDev.Token();
        await using var host = Host(token, out _, FailureKind.Authentication);
        var id = await host.ApprovedAsync(TestDrafts.OneTime($"Winter {token}"));
        await host.TickAsync();

        var mail = await MailDev.WaitForSubjectAsync(token);
        var alert = Assert.Single(host.Get<AlertService>().List(new AlertQuery(), host.Maya).Unwrap().Items);
        Assert.Equal($"[CampaignBot] Delivery failed (credentials refused): Winter {token} → outbox", mail.Subject);
        Assert.Equal([$"pager-{token}@example.com", "olga@example.com", "maya@example.com"], mail.To.Select(t => t.Address));
        var message = await MailDev.SourceAsync(mail);
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
        Assert.Equal($"alert-{alert.Id:N}-raised@campaignbot", message.MessageId);
        foreach (var part in new[] { message.TextBody, System.Net.WebUtility.HtmlDecode(message.HtmlBody) })
        {
            Assert.Contains("Local folder refused the credentials of destination 'outbox'", part);
            Assert.Contains("Then press Retry on the run", part);
            Assert.Contains("0 of", part);
            Assert.Contains($"https://campaignbot.example.com/api/runs/{alert.RunId}", part);
            Assert.Contains($"https://campaignbot.example.com/api/alerts/{alert.Id}/acknowledge", part);
        }

        Assert.Contains("  - ", message.TextBody);
        Assert.Contains("<li", message.HtmlBody);
        Assert.Equal(QueuedMailState.Sent, host.Get<MailOutbox>().Get($"alert-{alert.Id:N}-raised")!.State);
        Assert.Equal(id, alert.CampaignId);
    }

    [Fact]
    public async Task A_repeat_is_not_mailed_again_and_the_recovery_is()
    {
        var token = MailDev.Token();
        await using var host = Host(token, out var refusing, FailureKind.ServiceDown);
        await host.ApprovedAsync(TestDrafts.OneTime($"Spring {token}"));
        await host.TickAsync();
        await MailDev.WaitForSubjectAsync(token);
        var alert = Assert.Single(host.Get<AlertService>().List(new AlertQuery(), host.Maya).Unwrap().Items);

        host.Runs.Retry(alert.RunId, host.Maya).Unwrap();
        await host.TickAsync();
        Assert.Equal(2, host.Get<AlertService>().Get(alert.Id, host.Maya).Unwrap().Occurrences);

        refusing.Refuse = _ => null;
        host.Runs.Retry(alert.RunId, host.Maya).Unwrap();
        await host.TickAsync();

        var recovered = await MailDev.WaitForSubjectAsync($"Recovered: Spring {token}");
        Assert.Contains("delivered to outbox again", recovered.Text);
        var all = await MailDev.WithMessageIdAsync($"alert-{alert.Id:N}-raised@campaignbot");
        Assert.Single(all);
        Assert.Equal(nameof(AlertState.Recovered), host.Get<AlertService>().Get(alert.Id, host.Maya).Unwrap().State);
    }

    private static LifecycleHost Host(string token, out RefusingConnectors refusing, FailureKind refusal)
    {
        var connectors = refusing = new RefusingConnectors(new ConnectorFactory(Path.GetTempPath()))
        {
            Refuse = _ => new BatchOutcome.Permanent("Refused by the test.", refusal),
        };
        var smtp = MailDev.Smtp();
        return new LifecycleHost(
            new Dictionary<string, string?>
            {
                ["Smtp:Host"] = smtp.Host,
                ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Smtp:Security"] = "None",
                ["Smtp:From"] = "CampaignBot Tests <campaignbot-tests@example.com>",
                ["Users:People:0:Email"] = "maya@example.com",
                ["Users:People:5:Id"] = "olga",
                ["Users:People:5:Name"] = "Olga On-call",
                ["Users:People:5:Email"] = "olga@example.com",
                ["Users:People:5:Roles:0"] = "oncall",
                ["Alerts:OnCall:0"] = $"pager-{token}@example.com",
                ["Alerts:PublicBaseUrl"] = "https://campaignbot.example.com/",
            },
            services => services.AddSingleton<IConnectorFactory>(connectors));
    }
}
