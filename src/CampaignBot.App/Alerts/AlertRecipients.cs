using CampaignBot.App.Users;
using CampaignBot.Core.People;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Alerts;

/// <summary>Who an alert goes to, by email and in chat, from Alerts:OnCall, Alerts:Escalation, the oncall role and the campaign's author.</summary>
public sealed class AlertRecipients(IOptions<AlertsOptions> options, UserDirectory people)
{
    /// <summary>On-call staff (the list and everyone given the oncall role) and the campaign's author.</summary>
    public IReadOnlyList<string> OnCallEmails(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var author = people.ById(alert.AuthorId)?.Email;
        return Emails(options.Value.OnCall.Concat(OnCallPeople().Select(p => p.Id)).Append(author ?? ""));
    }

    public IReadOnlyList<string> EscalationEmails() => Emails(options.Value.Escalation);

    /// <summary>The people on the escalation list (named by id or by email), to mention in chat when an alert escalates.</summary>
    public IReadOnlyList<string> EscalationPeople() =>
        options.Value.Escalation.Select(e => e.Trim())
            .Select(e => (people.ById(e) ?? people.ByEmail(e))?.Id)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    // Admins hold every role for permissions, but only people given the oncall role by name are paged.
    private IEnumerable<Person> OnCallPeople() => people.People.Where(p => (p.Roles & Role.OnCall) != 0);

    private List<string> Emails(IEnumerable<string> entries) =>
        entries.Select(e => e.Trim()).Where(e => e.Length > 0)
            .Select(e => AlertsOptionsValidator.IsAddress(e) ? e : people.ById(e)?.Email)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
