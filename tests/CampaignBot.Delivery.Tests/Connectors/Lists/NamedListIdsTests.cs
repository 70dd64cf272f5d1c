using System.Collections.Concurrent;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Lists;

namespace CampaignBot.Delivery.Tests.Connectors.Lists;

public sealed class NamedListIdsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_batches_of_a_new_list_racing_create_it_once()
    {
        var destination = new FakeListDestination { HoldLookups = true };
        var ids = destination.Ids();

        var first = ids.EnsureAsync(Target("Spring Sale - A"), CancellationToken.None);
        var second = ids.EnsureAsync(Target("Spring Sale - A"), CancellationToken.None);
        await destination.LookupStarted.Task.WaitAsync(Patience);
        destination.ReleaseLookups();

        var answers = await Task.WhenAll(first, second).WaitAsync(Patience);

        Assert.Single(destination.Lists);
        Assert.All(answers, a => Assert.Equal(destination.Lists["Spring Sale - A"], a.Id));
        Assert.Equal(1, destination.Creates);
        Assert.Equal(1, destination.Lookups);
    }

    [Fact]
    public async Task Many_batches_at_once_of_a_few_new_lists_create_each_once()
    {
        var destination = new FakeListDestination();
        var ids = destination.Ids();
        var names = new[] { "A", "B", "C" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(i => Task.Run(() => ids.EnsureAsync(Target(names[i % names.Length]), CancellationToken.None)))).WaitAsync(Patience);

        Assert.Equal(names.Length, destination.Creates);
        Assert.All(answers.Select((a, i) => (a, i)), x => Assert.Equal(destination.Lists[names[x.i % names.Length]], x.a.Id));
    }

    [Fact]
    public async Task A_known_list_is_not_looked_up_again_by_later_batches_or_removals()
    {
        var destination = new FakeListDestination();
        var ids = destination.Ids();
        var made = await ids.EnsureAsync(Target("A"), CancellationToken.None);
        var lookups = destination.Lookups;

        var again = await ids.EnsureAsync(Target("A"), CancellationToken.None);
        var forRemoval = await ids.FindAsync("A", CancellationToken.None);

        Assert.Equal(made.Id, again.Id);
        Assert.Equal(made.Id, forRemoval.Id);
        Assert.Equal(made.Id, ids.Known("A"));
        Assert.Equal(lookups, destination.Lookups);
    }

    [Fact]
    public async Task A_list_that_already_exists_is_found_and_not_created()
    {
        var destination = new FakeListDestination();
        destination.Lists["A"] = "list-existing";

        var answer = await destination.Ids().EnsureAsync(Target("A"), CancellationToken.None);

        Assert.Equal(new NameLookup("list-existing", null), answer);
        Assert.Equal(0, destination.Creates);
    }

    [Fact]
    public async Task A_failed_lookup_is_not_remembered_and_the_next_batch_asks_again()
    {
        var destination = new FakeListDestination();
        destination.Lists["A"] = "list-existing";
        destination.FailingLookups = 1;
        var ids = destination.Ids();

        var failed = await ids.EnsureAsync(Target("A"), CancellationToken.None);
        var next = await ids.EnsureAsync(Target("A"), CancellationToken.None);

        Assert.IsType<BatchOutcome.Transient>(failed.Failure);
        Assert.Null(failed.Id);
        Assert.Equal(new NameLookup("list-existing", null), next);
        Assert.Equal(0, destination.Creates);
    }

    [Fact]
    public async Task A_refused_create_reports_why_and_the_next_batch_tries_again()
    {
        var destination = new FakeListDestination { RefusedCreates = 1 };
        var ids = destination.Ids();

        var refused = await ids.EnsureAsync(Target("A"), CancellationToken.None);
        var knownAfterRefusal = ids.Known("A");
        var next = await ids.EnsureAsync(Target("A"), CancellationToken.None);

        Assert.Equal(NameLookup.Failed(FakeListDestination.Refusal), refused);
        Assert.Null(knownAfterRefusal);
        Assert.Equal(destination.Lists["A"], next.Id);
        Assert.Single(destination.Lists);
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_found_by_looking_again_not_made_twice()
    {
        var destination = new FakeListDestination { LostCreateAnswers = 1 };
        var ids = destination.Ids();

        var answer = await ids.EnsureAsync(Target("A"), CancellationToken.None);
        var next = await ids.EnsureAsync(Target("A"), CancellationToken.None);

        Assert.Equal(new NameLookup(destination.Lists["A"], null), answer);
        Assert.Equal(answer, next);
        Assert.Equal(1, destination.Creates);
    }

    [Fact]
    public async Task Finding_a_list_never_made_creates_none_and_does_not_remember_its_absence()
    {
        var destination = new FakeListDestination();
        var ids = destination.Ids();

        var missing = await ids.FindAsync("A", CancellationToken.None);
        destination.Lists["A"] = "list-made-elsewhere";
        var found = await ids.FindAsync("A", CancellationToken.None);

        Assert.Equal(NameLookup.Missing, missing);
        Assert.Equal(new NameLookup("list-made-elsewhere", null), found);
        Assert.Equal(0, destination.Creates);
    }

    [Fact]
    public async Task Removing_from_a_list_never_made_is_done_with_nothing_sent_and_no_list_created()
    {
        var destination = new FakeListDestination();
        var removedFrom = new List<string>();

        var outcome = await destination.Ids().RemoveFromAsync(Batch("A", rows: 3), Remover(removedFrom), CancellationToken.None);

        Assert.Equal(new BatchOutcome.Delivered(3, null), outcome);
        Assert.Empty(removedFrom);
        Assert.Empty(destination.Lists);
    }

    [Fact]
    public async Task Removing_from_an_existing_list_removes_from_that_list()
    {
        var destination = new FakeListDestination();
        destination.Lists["A"] = "list-existing";
        var removedFrom = new List<string>();

        var outcome = await destination.Ids().RemoveFromAsync(Batch("A", rows: 3), Remover(removedFrom), CancellationToken.None);

        Assert.Equal(new BatchOutcome.Delivered(3, "removed from list-existing"), outcome);
        Assert.Equal(["list-existing"], removedFrom);
    }

    [Fact]
    public async Task Removing_when_the_lookup_fails_returns_the_failure_and_removes_nothing()
    {
        var destination = new FakeListDestination { FailingLookups = 1 };
        destination.Lists["A"] = "list-existing";
        var removedFrom = new List<string>();

        var outcome = await destination.Ids().RemoveFromAsync(Batch("A", rows: 3), Remover(removedFrom), CancellationToken.None);

        Assert.IsType<BatchOutcome.Transient>(outcome);
        Assert.Empty(removedFrom);
    }

    [Fact]
    public async Task Looking_up_asks_the_destination_even_for_a_known_list()
    {
        var destination = new FakeListDestination();
        var ids = destination.Ids();
        await ids.EnsureAsync(Target("A"), CancellationToken.None);
        destination.Lists.Clear();

        var checkedNow = await ids.LookUpAsync("A", CancellationToken.None);

        Assert.Equal(NameLookup.Missing, checkedNow);
    }

    private static Func<string, CancellationToken, Task<BatchOutcome>> Remover(List<string> removedFrom) => (listId, _) =>
    {
        removedFrom.Add(listId);
        return Task.FromResult<BatchOutcome>(new BatchOutcome.Delivered(3, $"removed from {listId}"));
    };

    private static DeliveryBatch Batch(string listName, int rows) =>
        new(Target(listName), 1, Enumerable.Range(0, rows).Select(i => new string?[] { $"person{i}@example.com" }).ToList());

    private static DeliveryTarget Target(string listName) => new()
    {
        CampaignId = "7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f",
        Campaign = "Spring Sale",
        Group = "A",
        RunId = "run-1",
        ListName = listName,
        Fields = ["email"],
        CreatedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    };

    /// <summary>A destination's lists by name, with the faults the connectors meet: lookups that fail, creates refused or whose answer is lost.</summary>
    private sealed class FakeListDestination
    {
        public static readonly BatchOutcome Refusal = new BatchOutcome.Permanent("The destination refused the list.", FailureKind.Configuration);

        private readonly TaskCompletionSource _lookupsReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _creates;
        private int _lookups;

        public ConcurrentDictionary<string, string> Lists { get; } = new(StringComparer.Ordinal);

        /// <summary>Lookups wait for <see cref="ReleaseLookups"/>, so callers can pile up behind the first.</summary>
        public bool HoldLookups { get; init; }

        public TaskCompletionSource LookupStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int FailingLookups { get; set; }

        public int RefusedCreates { get; set; }

        public int LostCreateAnswers { get; set; }

        public int Creates => _creates;

        public int Lookups => _lookups;

        public NamedListIds Ids() => new(FindAsync, CreateAsync);

        public void ReleaseLookups() => _lookupsReleased.TrySetResult();

        private async Task<NameLookup> FindAsync(string name, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lookups);
            LookupStarted.TrySetResult();
            if (HoldLookups)
            {
                await _lookupsReleased.Task.WaitAsync(cancellationToken);
            }

            await Task.Yield();
            if (FailingLookups > 0)
            {
                FailingLookups--;
                return NameLookup.Failed(new BatchOutcome.Transient("The lookup timed out.", null));
            }

            return Lists.TryGetValue(name, out var id) ? NameLookup.Found(id) : NameLookup.Missing;
        }

        private async Task<NameLookup> CreateAsync(DeliveryTarget target, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (RefusedCreates > 0)
            {
                RefusedCreates--;
                return NameLookup.Failed(Refusal);
            }

            var id = $"list-{Interlocked.Increment(ref _creates)}";
            Lists[target.ListName] = id;
            if (LostCreateAnswers > 0)
            {
                LostCreateAnswers--;
                return NameLookup.Failed(new BatchOutcome.Transient("The answer was lost.", null));
            }

            return NameLookup.Found(id);
        }
    }
}
