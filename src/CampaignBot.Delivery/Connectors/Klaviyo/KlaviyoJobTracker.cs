using System.Collections.Concurrent;
using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// Follows accepted import jobs to their end in the background while later batches are still being sent, so
/// completing a delivery mostly finds its jobs already finished. Each check reads the job list newest first
/// (Get Bulk Import Profiles Jobs, up to 100 a page), so a call or two covers every job in flight; a job those
/// pages do not show is read on its own. The list and the single read each have their own limits.
/// </summary>
internal sealed class KlaviyoJobTracker(KlaviyoApi api, IReadOnlyList<RateWindow> limits, TimeSpan interval, TimeProvider clock)
{
    private const int PageSize = 100;
    private const string Fields = "fields[profile-bulk-import-job]=status,total_count,completed_count,failed_count";

    // Jobs of up to 10,000 profiles usually finish in seconds to minutes; beyond an hour, stop waiting for one.
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(1);
    private readonly RequestPacer _listReads = new(limits, clock);
    private readonly RequestPacer _jobReads = new(limits, clock);
    private readonly ConcurrentDictionary<string, TrackedJob> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _loopLock = new();
    private Task? _loop;

    /// <summary>Follows the job (once, however often it is asked) and returns how it ended, when it has.</summary>
    public Task<JobResult> FollowAsync(string jobId)
    {
        var job = _jobs.GetOrAdd(jobId, _ => new TrackedJob(clock.GetUtcNow() + GiveUpAfter));
        lock (_loopLock)
        {
            _loop ??= Task.Run(CheckWhilePendingAsync);
        }

        return job.Ended.Task;
    }

    /// <summary>Stops remembering the jobs of a completed delivery, so a long-lived connector does not keep them all.</summary>
    public void Forget(IEnumerable<string> jobIds)
    {
        foreach (var id in jobIds)
        {
            _jobs.TryRemove(id, out _);
        }
    }

    private async Task CheckWhilePendingAsync()
    {
        while (true)
        {
            await Task.Delay(interval, clock).ConfigureAwait(false);
            List<string> pending;

            // Decided under the lock that FollowAsync takes, so a job added meanwhile is seen or starts a new loop.
            lock (_loopLock)
            {
                pending = _jobs.Where(j => !j.Value.Ended.Task.IsCompleted).Select(j => j.Key).ToList();
                if (pending.Count == 0)
                {
                    _loop = null;
                    return;
                }
            }

            try
            {
                await CheckAsync(pending).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Nobody awaits this loop: whatever broke it (an answer of an unexpected shape, say) ends the jobs
                // as unread, which the run sees as a shortfall, rather than leaving their completion waiting forever.
                foreach (var id in pending)
                {
                    End(id, new JobResult($"unread ({e.Message})", 0));
                }
            }
        }
    }

    private async Task CheckAsync(List<string> pending)
    {
        var unseen = pending.ToHashSet(StringComparer.Ordinal);
        var pages = unseen.Count / PageSize + 2;
        string? next = $"api/profile-bulk-import-jobs?sort=-created_at&page[size]={PageSize}&{Fields}";
        while (next is not null && unseen.Count > 0 && pages-- > 0)
        {
            using var answer = await api.SendAsync(HttpMethod.Get, next, body: null, _listReads, repeatable: true, CancellationToken.None).ConfigureAwait(false);
            if (answer.Body is not { } page)
            {
                Unanswered(unseen, answer);
                return;
            }

            foreach (var job in page.RootElement.GetProperty("data").EnumerateArray())
            {
                var id = job.GetProperty("id").GetString()!;
                if (unseen.Remove(id))
                {
                    Settle(id, job.GetProperty("attributes"));
                }
            }

            next = KlaviyoApi.NextPage(page);
        }

        // Older than the pages read (other imports on the account came after it): cheaper to read alone.
        foreach (var id in unseen)
        {
            using var answer = await api.SendAsync(
                HttpMethod.Get, $"api/profile-bulk-import-jobs/{Uri.EscapeDataString(id)}?{Fields}", body: null, _jobReads, repeatable: true, CancellationToken.None).ConfigureAwait(false);
            if (answer.Body is { } job)
            {
                Settle(id, job.RootElement.GetProperty("data").GetProperty("attributes"));
            }
            else
            {
                Unanswered([id], answer);
            }
        }
    }

    // Statuses (stable.json): queued, processing, complete, cancelled. A cancelled job keeps what it completed.
    private void Settle(string id, JsonElement attributes)
    {
        var status = attributes.GetProperty("status").GetString() ?? "unknown";
        if (status is "queued" or "processing")
        {
            if (_jobs.TryGetValue(id, out var job) && clock.GetUtcNow() > job.GiveUpAt)
            {
                End(id, new JobResult($"still {status} after {GiveUpAfter.TotalHours:0} hour", 0));
            }

            return;
        }

        var imported = Count(attributes, "completed_count") ?? (status == "complete" ? (Count(attributes, "total_count") ?? 0) - (Count(attributes, "failed_count") ?? 0) : 0);
        End(id, new JobResult(status, imported));

        static long? Count(JsonElement attributes, string name) =>
            attributes.TryGetProperty(name, out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt64() : null;
    }

    // A refusal (a revoked key) will not change: end the jobs unread. A passing failure is tried again next time.
    private void Unanswered(IEnumerable<string> ids, KlaviyoAnswer answer)
    {
        var now = clock.GetUtcNow();
        foreach (var id in ids)
        {
            if (answer.Failure is BatchOutcome.Permanent || (_jobs.TryGetValue(id, out var job) && now > job.GiveUpAt))
            {
                End(id, new JobResult($"unread ({answer.Reason})", 0));
            }
        }
    }

    private void End(string id, JobResult result)
    {
        if (_jobs.TryGetValue(id, out var job))
        {
            job.Ended.TrySetResult(result);
        }
    }

    private sealed class TrackedJob(DateTimeOffset giveUpAt)
    {
        public DateTimeOffset GiveUpAt => giveUpAt;

        public TaskCompletionSource<JobResult> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>How an import job ended (its status, or why it could not be known) and the profiles it imported.</summary>
internal sealed record JobResult(string Status, long Imported);
