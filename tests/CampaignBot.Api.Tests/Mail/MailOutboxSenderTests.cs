using System.Net;
using System.Net.Sockets;
using CampaignBot.App.Mail;
using CampaignBot.App.Storage;
using CampaignBot.Delivery.Mail;
using CampaignBot.Delivery.Tests.Mail;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CampaignBot.Api.Tests.Mail;

/// <summary>The outbox's sending loop, driven pass by pass on a fake clock, against a real LiteDB file and a real maildev.</summary>
public sealed class MailOutboxSenderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-mail-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly AppDatabase _database;
    private readonly MailOutbox _outbox;
    private readonly LogCapture<MailOutboxSender> _log = new();

    public MailOutboxSenderTests()
    {
        _database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        _outbox = new MailOutbox(_database, _clock);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_backoff_until_the_mail_is_delivered_once()
    {
        var token = MailDev.Token();
        var id = $"outbox-{token}";
        var sender = Sender(new DownThenUp(failures: 2));
        _outbox.Enqueue(Alert(id, $"Run failed {token}"));

        await sender.SendDueAsync(CancellationToken.None);
        var first = _outbox.Get(id)!;
        Assert.Equal((QueuedMailState.Pending, 1, "SocketException ConnectionRefused"), (first.State, first.Attempts, first.LastError));
        Assert.InRange(first.NextAttemptAt - _clock.GetUtcNow(), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11));

        _clock.Advance(TimeSpan.FromSeconds(9));
        await sender.SendDueAsync(CancellationToken.None);
        Assert.Equal(1, _outbox.Get(id)!.Attempts);

        _clock.SetUtcNow(first.NextAttemptAt);
        await sender.SendDueAsync(CancellationToken.None);
        var second = _outbox.Get(id)!;
        Assert.Equal((QueuedMailState.Pending, 2), (second.State, second.Attempts));
        Assert.InRange(second.NextAttemptAt - _clock.GetUtcNow(), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(22));

        _clock.SetUtcNow(second.NextAttemptAt);
        await sender.SendDueAsync(CancellationToken.None);
        var sent = _outbox.Get(id)!;
        Assert.Equal((QueuedMailState.Sent, 3, _clock.GetUtcNow()), (sent.State, sent.Attempts, sent.SentAt));

        _clock.Advance(TimeSpan.FromHours(1));
        await sender.SendDueAsync(CancellationToken.None);
        await MailDev.WaitForSubjectAsync(token);
        Assert.Single(await MailDev.WithMessageIdAsync($"{id}@campaignbot"));
        Assert.DoesNotContain(_log.Lines, line => line.Contains("oncall", StringComparison.OrdinalIgnoreCase) || line.Contains("Run failed", StringComparison.Ordinal));
        Assert.Contains(_log.Lines, line => line.Contains($"Mail {id} attempt 1 failed (SocketException ConnectionRefused)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_permanent_failure_fails_the_mail_without_further_attempts()
    {
        var rejecting = new RejectingServer();
        var sender = Sender(rejecting);
        _outbox.Enqueue(Alert("alert-1", "Run failed"));

        await sender.SendDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        await sender.SendDueAsync(CancellationToken.None);

        var mail = _outbox.Get("alert-1")!;
        Assert.Equal((QueuedMailState.Failed, 1, "SmtpCommandException 550 RecipientNotAccepted", 1), (mail.State, mail.Attempts, mail.LastError, rejecting.Calls));
        Assert.Empty(_outbox.Due(_clock.GetUtcNow()));
        Assert.DoesNotContain(_log.Lines, line => line.Contains("oncall", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_transiently_fails_after_max_attempts()
    {
        var sender = Sender(new DownThenUp(failures: int.MaxValue), maxAttempts: 3);
        _outbox.Enqueue(Alert("alert-1", "Run failed"));

        for (var pass = 0; pass < 5; pass++)
        {
            await sender.SendDueAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(15));
        }

        var mail = _outbox.Get("alert-1")!;
        Assert.Equal((QueuedMailState.Failed, 3, "SocketException ConnectionRefused"), (mail.State, mail.Attempts, mail.LastError));
        Assert.Contains(_log.Lines, line => line.Contains("Mail alert-1 failed on attempt 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_enqueued_mail_wakes_the_running_sender()
    {
        var token = MailDev.Token();
        using var sender = Sender(MailDev.Sender());
        await sender.StartAsync(CancellationToken.None);
        try
        {
            // The fake clock never moves, so only the enqueue's wake can start this send.
            _outbox.Enqueue(Alert($"wake-{token}", $"Run failed {token}"));

            await MailDev.WaitForSubjectAsync(token);
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
        }

        Assert.Equal(QueuedMailState.Sent, _outbox.Get($"wake-{token}")!.State);
    }

    [Fact]
    public async Task Without_an_smtp_host_mails_stay_pending_and_one_warning_says_so()
    {
        _outbox.Enqueue(Alert("alert-1", "Run failed"));
        using var sender = new MailOutboxSender(_outbox, MailDev.Sender(), Options.Create(new SmtpOptions()), _clock, new Random(7), _log);

        await sender.StartAsync(CancellationToken.None);
        await sender.ExecuteTask!;

        Assert.Equal((QueuedMailState.Pending, 0), (_outbox.Get("alert-1")!.State, _outbox.Get("alert-1")!.Attempts));
        Assert.Equal(["Smtp:Host is not set, so email is off; 1 mails stay pending in the outbox"], _log.Lines);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private MailOutboxSender Sender(IMailSender mailSender, int maxAttempts = 10) =>
        new(_outbox, mailSender, Options.Create(new SmtpOptions { Host = "127.0.0.1", MaxAttempts = maxAttempts }), _clock, new Random(7), _log);

    private static OutgoingMail Alert(string id, string subject) =>
        new() { Id = id, To = ["oncall@example.com", "Oncall Two <oncall2@example.com>"], Subject = subject, Text = "The run failed.", Html = "<p>The run failed.</p>" };

    /// <summary>An SMTP server that is down for the first <paramref name="failures"/> sends and delivers to maildev afterwards.</summary>
    private sealed class DownThenUp(int failures) : IMailSender
    {
        private readonly SmtpMailSender _down = new(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = ClosedPort(), Security = SmtpSecurity.None, TimeoutSeconds = 5 }));
        private int _calls;

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
            ++_calls <= failures ? _down.SendAsync(mail, cancellationToken) : MailDev.Sender().SendAsync(mail, cancellationToken);

        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    /// <summary>A server that rejects the recipient with 550, as a real one would for an unknown mailbox.</summary>
    private sealed class RejectingServer : IMailSender
    {
        public int Calls { get; private set; }

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            Calls++;
            throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, MailboxAddress.Parse(mail.To[0]), "5.1.1 unknown user");
        }
    }

    private sealed class LogCapture<T> : ILogger<T>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
            }
        }
    }
}
