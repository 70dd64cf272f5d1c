using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using CampaignBot.App.Users;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Alerts;

/// <summary>
/// The "Alerts" section: who hears about failed deliveries and when they are escalated. The chat channel is
/// Slack:AlertsChannel; the mail server is the Smtp section.
/// </summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>Who is emailed about every alert: person ids from Users:People or plain addresses. People holding the oncall role are added.</summary>
    public List<string> OnCall { get; set; } = [];

    /// <summary>Who hears about an alert nobody acknowledged in time: person ids or addresses.</summary>
    public List<string> Escalation { get; set; } = [];

    [Range(1, 10_080, ErrorMessage = "Alerts:EscalateAfterMinutes must be between 1 minute and 7 days.")]
    public int EscalateAfterMinutes { get; set; } = 30;

    /// <summary>The Mute buttons an alert offers, in hours.</summary>
    public List<int> MuteHours { get; set; } = [4, 24];

    /// <summary>How often open alerts are checked for escalation.</summary>
    [Range(1, 3_600, ErrorMessage = "Alerts:CheckIntervalSeconds must be between 1 and 3,600.")]
    public int CheckIntervalSeconds { get; set; } = 60;

    /// <summary>Where people reach this service (https://campaignbot.example.com/), so alerts link to the run; relative links without it.</summary>
    public string? PublicBaseUrl { get; set; }

    public TimeSpan EscalateAfter => TimeSpan.FromMinutes(EscalateAfterMinutes);

    /// <summary>A link to <paramref name="path"/> ("api/runs/…") that people can follow: absolute with PublicBaseUrl, else from the root.</summary>
    public string Link(string path) => PublicBaseUrl is { Length: > 0 } root ? root + path : "/" + path;
}

/// <summary>Names each setting that is wrong, and how, so the service refuses to start with a broken alert setup.</summary>
public sealed class AlertsOptionsValidator(IOptions<UsersOptions> users) : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var people = users.Value.People.Select(p => p.Id.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var (key, entries) in new[] { ("OnCall", options.OnCall), ("Escalation", options.Escalation) })
        {
            errors.AddRange(entries.Select((entry, i) => (entry, i))
                .Where(e => !people.Contains(e.entry.Trim()) && !IsAddress(e.entry))
                .Select(e => $"Alerts:{key}:{e.i} '{e.entry}' is neither a person in Users:People nor an email address."));
        }

        if (options.MuteHours.Count is 0 or > 4 || options.MuteHours.Any(h => h is < 1 or > 168))
        {
            errors.Add("Alerts:MuteHours must list one to four durations between 1 and 168 hours.");
        }

        if (options.PublicBaseUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !url.EndsWith('/')))
        {
            errors.Add("Alerts:PublicBaseUrl must be an absolute http(s) URL ending with '/', e.g. https://campaignbot.example.com/.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsAddress(string text) => text.Contains('@', StringComparison.Ordinal) && MailAddress.TryCreate(text.Trim(), out _);
}
