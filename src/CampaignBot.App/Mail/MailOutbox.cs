using CampaignBot.App.Storage;
using CampaignBot.Delivery.Mail;
using LiteDB;

namespace CampaignBot.App.Mail;

/// <summary>
/// Mails waiting to be sent, kept in LiteDB so a failing SMTP server or a restart loses none. Callers only
/// <see cref="Enqueue"/>; <see cref="MailOutboxSender"/> sends and records the outcome.
/// </summary>
public sealed class MailOutbox(AppDatabase database, TimeProvider clock)
{
    public const string CollectionName = "mail_outbox";

    private readonly SemaphoreSlim _wake = new(0, 1);

    private ILiteCollection<QueuedMail> Mails => database.Collection<QueuedMail>(CollectionName, c => c.EnsureIndex(m => m.State));

    /// <summary>
    /// Stores the mail for sending and returns true, or returns false and changes nothing when a mail with this id
    /// was enqueued before (whatever its state), so a caller that repeats itself after a crash sends nothing twice.
    /// Throws <see cref="ArgumentException"/> for a mail that could never be sent (see <see cref="OutgoingMail.EnsureValid"/>).
    /// </summary>
    public bool Enqueue(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        mail.EnsureValid();
        var now = clock.GetUtcNow();
        var added = database.Write(() =>
        {
            if (Mails.FindById(mail.Id) is not null)
            {
                return false;
            }

            Mails.Insert(QueuedMail.From(mail, now));
            return true;
        });
        if (added)
        {
            Wake();
        }

        return added;
    }

    public QueuedMail? Get(string id) => Mails.FindById(id);

    /// <summary>How long sent and failed mails are kept; what they said stays in the alert history.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    /// <summary>Deletes sent and failed mails enqueued before <paramref name="before"/>, so the outbox does not grow forever; returns how many.</summary>
    public int Forget(DateTimeOffset before) => database.Write(() => Mails.DeleteMany(Query.And(
        Query.Not(nameof(QueuedMail.State), QueuedMailState.Pending.ToString()),
        Query.LT(nameof(QueuedMail.EnqueuedAt), new BsonValue(before.UtcTicks)))));

    /// <summary>Pending mails whose next attempt is at or before <paramref name="now"/>, earliest first.</summary>
    public IReadOnlyList<QueuedMail> Due(DateTimeOffset now) =>
        Pending().Where(m => m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).ToList();

    public int PendingCount() => Mails.Count(Query.EQ(nameof(QueuedMail.State), QueuedMailState.Pending.ToString()));

    /// <summary>The earliest next attempt of any pending mail, or null when nothing waits.</summary>
    public DateTimeOffset? NextAttemptAt() =>
        Pending().Select(m => (DateTimeOffset?)m.NextAttemptAt).Min();

    /// <summary>
    /// Starts an attempt: counts it and moves the next attempt a lease ahead, so another process sharing the file
    /// skips the mail while it is in flight, and a crash mid-send leaves it due again once the lease ends. Null when
    /// the mail is no longer pending or no longer due (another sender took it).
    /// </summary>
    internal QueuedMail? TryClaim(string id, DateTimeOffset now, TimeSpan lease) => database.Write(() =>
    {
        if (Mails.FindById(id) is not { State: QueuedMailState.Pending } mail || mail.NextAttemptAt > now)
        {
            return null;
        }

        mail.Attempts++;
        mail.NextAttemptAt = now + lease;
        Mails.Update(mail);
        return mail;
    });

    internal void MarkSent(string id, DateTimeOffset now) => Change(id, mail =>
    {
        mail.State = QueuedMailState.Sent;
        mail.SentAt = now;
    });

    internal void Reschedule(string id, DateTimeOffset nextAttemptAt, string error) => Change(id, mail =>
    {
        mail.NextAttemptAt = nextAttemptAt;
        mail.LastError = error;
    });

    internal void MarkFailed(string id, string error) => Change(id, mail =>
    {
        mail.State = QueuedMailState.Failed;
        mail.LastError = error;
    });

    /// <summary>Waits until a mail is enqueued or <paramref name="timeout"/> passes, whichever is first.</summary>
    /// <remarks>The timeout cancels the wait rather than racing it, so a leftover wait never swallows the next wake.</remarks>
    internal async Task WaitForMailAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The next attempt is due.
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another enqueue woke the sender at the same moment; one wake is enough.
            }
        }
    }

    private IEnumerable<QueuedMail> Pending() =>
        Mails.Find(Query.EQ(nameof(QueuedMail.State), QueuedMailState.Pending.ToString()));

    private void Change(string id, Action<QueuedMail> change) => database.Write(() =>
    {
        var mail = Mails.FindById(id) ?? throw new InvalidOperationException($"Mail {id} is not in the outbox.");
        change(mail);
        Mails.Update(mail);
    });
}
