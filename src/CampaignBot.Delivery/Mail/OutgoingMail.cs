using System.Buffers;
using MimeKit;

namespace CampaignBot.Delivery.Mail;

/// <summary>
/// One email to send. <see cref="Id"/> is chosen by the caller and stays the same across retries: it becomes the
/// Message-Id <c>&lt;Id@campaignbot&gt;</c>, so a resend after a crash is recognisable as the same message, and the
/// outbox stores each id once.
/// </summary>
public sealed record OutgoingMail
{
    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    /// <summary>Letters, digits, '-', '.' and '_', at most 128 characters (a Message-Id's local part).</summary>
    public required string Id { get; init; }

    /// <summary>Addresses such as "bob@example.com" or "Bob &lt;bob@example.com&gt;".</summary>
    public required IReadOnlyList<string> To { get; init; }

    public required string Subject { get; init; }

    public required string Text { get; init; }

    public required string Html { get; init; }

    /// <summary>The Message-Id header's value without its angle brackets.</summary>
    public string MessageId => $"{Id}@campaignbot";

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming every problem. The messages give positions, not addresses,
    /// because they end up in logs.
    /// </summary>
    public void EnsureValid() => ParseRecipients();

    internal IReadOnlyList<MailboxAddress> ParseRecipients()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(Id) || Id.Length > 128 || Id.AsSpan().ContainsAnyExcept(IdCharacters))
        {
            problems.Add("Id must be 1 to 128 letters, digits, '-', '.' or '_'.");
        }

        var recipients = new List<MailboxAddress>();
        if (To is null || To.Count == 0)
        {
            problems.Add("To needs at least one address.");
        }
        else
        {
            for (var i = 0; i < To.Count; i++)
            {
                if (MailAddresses.TryParseMailbox(To[i], out var mailbox))
                {
                    recipients.Add(mailbox);
                }
                else
                {
                    problems.Add($"To[{i}] is not a valid email address.");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(Subject))
        {
            problems.Add("Subject is empty.");
        }
        else if (Subject.Contains('\r', StringComparison.Ordinal) || Subject.Contains('\n', StringComparison.Ordinal))
        {
            problems.Add("Subject must be one line.");
        }

        if (Text is null || Html is null)
        {
            problems.Add("Text and Html are both required (mail clients show one or the other).");
        }

        return problems.Count == 0
            ? recipients
            : throw new ArgumentException($"The mail cannot be sent: {string.Join(" ", problems)}");
    }
}
