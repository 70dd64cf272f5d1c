using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace CampaignBot.Delivery.Mail;

internal static class MailAddresses
{
    // MimeKit accepts "bob" as a mailbox without a domain by default; no SMTP server delivers that.
    private static readonly ParserOptions Strict = new() { AllowAddressesWithoutDomain = false };

    public static bool TryParseMailbox(string? text, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(Strict, text, out var parsed))
        {
            return false;
        }

        if (parsed.Route.Count > 0 || string.IsNullOrEmpty(parsed.LocalPart) || string.IsNullOrEmpty(parsed.Domain))
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }
}
