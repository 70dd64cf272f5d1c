using CampaignBot.App.Alerts;
using CampaignBot.App.Users;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Tests.Alerts;

public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset Raised = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan After = TimeSpan.FromMinutes(30);

    [Fact]
    public void An_announced_open_alert_escalates_once_its_allowance_has_passed()
    {
        var alert = new AlertRecord { State = AlertState.Open, Announced = true, RaisedAt = Raised };

        Assert.False(alert.EscalationDue(Raised.AddMinutes(29), After));
        Assert.True(alert.EscalationDue(Raised.AddMinutes(30), After));

        alert.EscalatedAt = Raised.AddMinutes(30);
        Assert.False(alert.EscalationDue(Raised.AddHours(5), After));
    }

    [Fact]
    public void Acknowledged_recovered_and_unannounced_alerts_never_escalate()
    {
        var later = Raised.AddHours(2);

        Assert.False(new AlertRecord { State = AlertState.Acknowledged, Announced = true, RaisedAt = Raised }.EscalationDue(later, After));
        Assert.False(new AlertRecord { State = AlertState.Recovered, Announced = true, RaisedAt = Raised }.EscalationDue(later, After));
        Assert.False(new AlertRecord { State = AlertState.Open, Announced = false, RaisedAt = Raised }.EscalationDue(later, After));
    }

    [Fact]
    public void A_mute_holds_escalation_off_and_the_allowance_starts_again_when_it_ends()
    {
        var alert = new AlertRecord { State = AlertState.Open, Announced = true, RaisedAt = Raised, MutedUntil = Raised.AddHours(4) };

        Assert.False(alert.EscalationDue(Raised.AddHours(3), After));
        Assert.False(alert.EscalationDue(Raised.AddHours(4).AddMinutes(29), After));
        Assert.True(alert.EscalationDue(Raised.AddHours(4).AddMinutes(30), After));
    }

    [Fact]
    public void The_settings_name_every_unknown_person_bad_mute_and_bad_link()
    {
        var validator = new AlertsOptionsValidator(Options.Create(new UsersOptions { People = [new UserSettings { Id = "olga", Name = "Olga" }] }));
        var result = validator.Validate(null, new AlertsOptions
        {
            OnCall = ["olga", "pager@example.com", "bob"],
            Escalation = ["not an address"],
            MuteHours = [4, 200],
            PublicBaseUrl = "campaignbot.example.com",
        });

        Assert.Equal(
            [
                "Alerts:OnCall:2 'bob' is neither a person in Users:People nor an email address.",
                "Alerts:Escalation:0 'not an address' is neither a person in Users:People nor an email address.",
                "Alerts:MuteHours must list one to four durations between 1 and 168 hours.",
                "Alerts:PublicBaseUrl must be an absolute http(s) URL ending with '/', e.g. https://campaignbot.example.com/.",
            ],
            result.Failures);
    }

    [Fact]
    public void On_call_mail_goes_to_the_list_the_oncall_role_and_the_author_once_each()
    {
        var users = new UsersOptions
        {
            People =
            [
                new UserSettings { Id = "maya", Name = "Maya", Email = "maya@example.com", Roles = ["marketer"] },
                new UserSettings { Id = "olga", Name = "Olga", Email = "olga@example.com", Roles = ["oncall"] },
                new UserSettings { Id = "ada", Name = "Ada", Email = "ada@example.com", Roles = ["admin"] },
                new UserSettings { Id = "eve", Name = "Eve", Email = "eve@example.com", Roles = ["viewer"], SlackUserIds = ["UEVE"] },
            ],
        };
        var options = Options.Create(new AlertsOptions { OnCall = ["pager@example.com", "OLGA@example.com"], Escalation = ["eve", "boss@example.com"] });
        var recipients = new AlertRecipients(options, new UserDirectory(users, new ApiKeysOptions()));

        Assert.Equal(["pager@example.com", "OLGA@example.com", "maya@example.com"], recipients.OnCallEmails(new AlertRecord { AuthorId = "maya" }));
        Assert.Equal(["eve@example.com", "boss@example.com"], recipients.EscalationEmails());
        Assert.Equal(["eve"], recipients.EscalationPeople());
    }
}
