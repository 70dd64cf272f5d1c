using System.Net.Http.Json;
using System.Text.Json.Serialization;
using CampaignBot.Delivery.Mail;
using Microsoft.Extensions.Options;

namespace CampaignBot.Delivery.Tests.Mail;

/// <summary>
/// The maildev that scripts/test.sh starts (scripts/servers/maildev.sh). Tests run in parallel against one
/// maildev, so each finds its own mail by a unique token and none deletes mail. A missing variable fails the test
/// with a hint rather than skipping it, so CI never passes untested.
/// </summary>
internal static class MailDev
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Options for a sender that delivers to maildev (plain SMTP, no login).</summary>
    public static SmtpOptions Smtp()
    {
        var endpoint = Required("CAMPAIGNBOT_TEST_SMTP").Split(':');
        return new SmtpOptions
        {
            Host = endpoint[0],
            Port = int.Parse(endpoint[1], System.Globalization.CultureInfo.InvariantCulture),
            Security = SmtpSecurity.None,
            From = "CampaignBot Tests <campaignbot-tests@example.com>",
            TimeoutSeconds = 10,
        };
    }

    public static SmtpMailSender Sender() => new(Options.Create(Smtp()));

    /// <summary>A unique token for a test's subject or mail id.</summary>
    public static string Token() => Guid.NewGuid().ToString("N");

    /// <summary>Every mail maildev received whose Message-Id is <paramref name="messageId"/> (without brackets).</summary>
    public static async Task<IReadOnlyList<MailDevEmail>> WithMessageIdAsync(string messageId) =>
        (await AllAsync()).Where(mail => mail.Headers.GetValueOrDefault("message-id") == $"<{messageId}>").ToList();

    /// <summary>Waits (up to 10 s) for a mail whose subject contains <paramref name="token"/>.</summary>
    public static async Task<MailDevEmail> WaitForSubjectAsync(string token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = (await AllAsync()).FirstOrDefault(mail => mail.Subject.Contains(token, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"maildev received no mail with '{token}' in its subject within 10 s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The mail as maildev received it on the wire, to check its MIME structure.</summary>
    public static async Task<MimeKit.MimeMessage> SourceAsync(MailDevEmail mail)
    {
        await using var source = await Http.GetStreamAsync(new Uri(new Uri(Required("CAMPAIGNBOT_TEST_MAILDEV")), $"api/email/{mail.Id}/source"));
        return await MimeKit.MimeMessage.LoadAsync(source);
    }

    private static async Task<List<MailDevEmail>> AllAsync() =>
        await Http.GetFromJsonAsync<List<MailDevEmail>>(new Uri(new Uri(Required("CAMPAIGNBOT_TEST_MAILDEV")), "api/email")) ?? [];

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set, so there is no maildev to test against. scripts/test.sh starts it; locally run "
                + "`scripts/servers/with-file-servers.sh dotnet test tests/CampaignBot.Delivery.Tests -c Release`, or start one with "
                + "`. scripts/servers/maildev.sh; start_maildev /tmp/mailrun` and export the variables it prints.");
}

/// <summary>The parts of maildev's GET /api/email entries the tests read.</summary>
internal sealed record MailDevEmail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("from")] IReadOnlyList<MailDevAddress> From,
    [property: JsonPropertyName("to")] IReadOnlyList<MailDevAddress> To,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("headers")] Dictionary<string, System.Text.Json.JsonElement> RawHeaders)
{
    /// <summary>Headers with one value; repeated headers (Received) come as arrays and are left out.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Headers => RawHeaders
        .Where(header => header.Value.ValueKind == System.Text.Json.JsonValueKind.String)
        .ToDictionary(header => header.Key, header => header.Value.GetString()!);
}

internal sealed record MailDevAddress([property: JsonPropertyName("address")] string Address, [property: JsonPropertyName("name")] string Name);
