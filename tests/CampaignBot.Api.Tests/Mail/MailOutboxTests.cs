using CampaignBot.App.Mail;
using CampaignBot.App.Storage;
using CampaignBot.Delivery.Mail;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Mail;

public sealed class MailOutboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-mail-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static OutgoingMail Alert(string id, string subject = "Run failed") =>
        new() { Id = id, To = ["oncall@example.com"], Subject = subject, Text = "The run failed.", Html = "<p>The run failed.</p>" };

    [Fact]
    public void Enqueueing_the_same_id_twice_stores_the_mail_once()
    {
        using var database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        var outbox = new MailOutbox(database, _clock);

        Assert.True(outbox.Enqueue(Alert("alert-1", "First")));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(outbox.Enqueue(Alert("alert-1", "Second")));

        var stored = outbox.Get("alert-1")!;
        Assert.Equal(("First", QueuedMailState.Pending, 0, _clock.Start), (stored.Subject, stored.State, stored.Attempts, stored.EnqueuedAt));
        Assert.Equal(1, database.Collection<QueuedMail>(MailOutbox.CollectionName).Count());
    }

    [Fact]
    public void A_new_mail_is_due_at_once_earliest_first()
    {
        using var database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        var outbox = new MailOutbox(database, _clock);
        outbox.Enqueue(Alert("alert-1"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        outbox.Enqueue(Alert("alert-2"));

        Assert.Equal(["alert-1"], outbox.Due(_clock.Start).Select(mail => mail.Id));
        Assert.Equal(["alert-1", "alert-2"], outbox.Due(_clock.GetUtcNow()).Select(mail => mail.Id));
        Assert.Equal(_clock.Start, outbox.NextAttemptAt());
        Assert.Equal(2, outbox.PendingCount());
    }

    [Fact]
    public void A_mail_that_could_never_be_sent_is_refused_at_enqueue()
    {
        using var database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        var outbox = new MailOutbox(database, _clock);

        Assert.Throws<ArgumentException>(() => outbox.Enqueue(Alert("alert-1") with { To = ["oncall"] }));
        Assert.Null(outbox.Get("alert-1"));
    }

    [Fact]
    public void Sent_and_failed_mails_are_forgotten_after_the_keeping_time_and_pending_ones_never()
    {
        using var database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        var outbox = new MailOutbox(database, _clock);
        foreach (var id in new[] { "sent", "failed", "pending", "recent" })
        {
            outbox.Enqueue(Alert(id));
        }

        var mails = database.Collection<QueuedMail>(MailOutbox.CollectionName);
        void Settle(string id, QueuedMailState state, DateTimeOffset enqueuedAt)
        {
            var mail = mails.FindById(id);
            (mail.State, mail.EnqueuedAt) = (state, enqueuedAt);
            mails.Update(mail);
        }

        Settle("sent", QueuedMailState.Sent, _clock.GetUtcNow());
        Settle("failed", QueuedMailState.Failed, _clock.GetUtcNow());
        _clock.Advance(MailOutbox.KeepFor);
        Settle("recent", QueuedMailState.Sent, _clock.GetUtcNow());

        Assert.Equal(2, outbox.Forget(_clock.GetUtcNow() - MailOutbox.KeepFor + TimeSpan.FromSeconds(1)));
        Assert.Equal((null, null), (outbox.Get("sent"), outbox.Get("failed")));
        Assert.Equal((QueuedMailState.Pending, QueuedMailState.Sent), (outbox.Get("pending")!.State, outbox.Get("recent")!.State));
    }

    [Fact]
    public void Queued_mail_survives_a_restart()
    {
        var path = Path.Combine(_folder, "app.db");
        using (var database = new AppDatabase(path, shared: false))
        {
            new MailOutbox(database, _clock).Enqueue(Alert("alert-1"));
        }

        using var reopened = new AppDatabase(path, shared: false);
        var mail = new MailOutbox(reopened, _clock).Get("alert-1")!;

        Assert.Equal((QueuedMailState.Pending, _clock.GetUtcNow(), "oncall@example.com"), (mail.State, mail.NextAttemptAt, mail.To.Single()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
