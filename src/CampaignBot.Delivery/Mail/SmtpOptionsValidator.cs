using Microsoft.Extensions.Options;
using MimeKit;

namespace CampaignBot.Delivery.Mail;

/// <summary>Checks the "Smtp" section at start-up and reports every problem at once.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"Smtp:Port is {options.Port}; use a TCP port from 1 to 65535 (587 for STARTTLS, 465 for TLS on connect).");
        }

        if (!Enum.IsDefined(options.Security))
        {
            errors.Add("Smtp:Security must be Auto, None, StartTls or SslOnConnect.");
        }

        if (!MailAddresses.TryParseMailbox(options.From, out _))
        {
            errors.Add("Smtp:From must be one mailbox such as \"CampaignBot <campaignbot@example.com>\".");
        }

        // A user without a password (or the reverse) is a half-finished setup that would fail at the first send.
        if (string.IsNullOrWhiteSpace(options.UserName) != string.IsNullOrWhiteSpace(options.Password))
        {
            errors.Add("Smtp:UserName and Smtp:Password must be set together (or both left empty for a relay without login).");
        }

        if (options.TimeoutSeconds is < 1 or > 600)
        {
            errors.Add($"Smtp:TimeoutSeconds is {options.TimeoutSeconds}; use 1 to 600.");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            errors.Add($"Smtp:MaxAttempts is {options.MaxAttempts}; use 1 to 100.");
        }

        if (options.Host is { Length: > 0 } host && host.Any(char.IsWhiteSpace))
        {
            errors.Add("Smtp:Host must be a host name or IP address without spaces.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
