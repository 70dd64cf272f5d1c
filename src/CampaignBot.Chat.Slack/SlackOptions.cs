using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// The "Slack" section. Everything is optional so the service starts without Slack; the Slack endpoints and
/// the Web API client then fail closed (see <see cref="IsConfigured"/>).
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Verifies inbound requests (Basic Information → Signing Secret). Never logged.</summary>
    [MinLength(16, ErrorMessage = "Slack:SigningSecret looks too short to be a Slack signing secret.")]
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (xoxb-…) sent as a Bearer header to the Web API. Never logged.</summary>
    [RegularExpression("^xox[a-z]-.+$", ErrorMessage = "Slack:BotToken must be a Slack token (xoxb-…).")]
    public string? BotToken { get; set; }

    [Required(ErrorMessage = "Slack:ApiBaseUrl is required.")]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Where approval cards are posted (a channel id such as C0123ABCD).</summary>
    public string? ApprovalsChannel { get; set; }

    /// <summary>Where run alerts are posted (a channel id).</summary>
    public string? AlertsChannel { get; set; }

    /// <summary>True when both secrets are present; otherwise every Slack request is refused.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);
}

/// <summary>Checks what annotations cannot: a usable base URL and both-or-neither secrets. Reports all problems at once.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)
            || !options.ApiBaseUrl.EndsWith('/'))
        {
            errors.Add("Slack:ApiBaseUrl must be an absolute http(s) URL ending with '/', e.g. https://slack.com/api/.");
        }

        // One without the other is a half-finished setup: inbound would verify but replies could not be sent, or vice versa.
        if (string.IsNullOrWhiteSpace(options.SigningSecret) != string.IsNullOrWhiteSpace(options.BotToken))
        {
            errors.Add("Slack:SigningSecret and Slack:BotToken must be set together (or both left empty to run without Slack).");
        }

        foreach (var (key, channel) in new[] { ("ApprovalsChannel", options.ApprovalsChannel), ("AlertsChannel", options.AlertsChannel) })
        {
            if (channel is not null && (channel.Length == 0 || channel.Any(char.IsWhiteSpace)))
            {
                errors.Add($"Slack:{key} must be a channel id such as C0123ABCD.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
