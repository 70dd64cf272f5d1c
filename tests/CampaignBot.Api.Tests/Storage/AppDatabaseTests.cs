using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.Api.Tests.Storage;

public sealed class AppDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-litedb-").FullName;

    [Fact]
    public void A_failing_write_leaves_nothing_behind_even_when_nested()
    {
        using var database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        var notes = database.Collection<Note>("notes");

        Assert.Throws<InvalidOperationException>(() => database.Write(() =>
        {
            notes.Insert(new Note { Id = 1, Text = "outer" });
            database.Write(() => notes.Insert(new Note { Id = 2, Text = "inner" }));
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(0, notes.Count());
    }

    [Fact]
    public void Nested_writes_commit_with_the_outer_one()
    {
        using var database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        var notes = database.Collection<Note>("notes");

        database.Write(() =>
        {
            notes.Insert(new Note { Id = 1, Text = "outer" });
            database.Write(() => notes.Insert(new Note { Id = 2, Text = "inner" }));
        });

        Assert.Equal(2, notes.Count());
    }

    [Fact]
    public async Task Writes_grouped_into_one_commit_each_get_their_own_answer_and_one_that_throws_fails_alone()
    {
        using var database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        var notes = database.Collection<Note>("notes");
        using var busy = new ManualResetEventSlim();
        using var holding = new ManualResetEventSlim();

        // A write that holds the database, and one grouped write waiting behind it: what is queued meanwhile forms the next group.
        var holder = Task.Run(() => database.Write(() =>
        {
            holding.Set();
            busy.Wait();
        }));
        holding.Wait();
        var first = database.WriteGroupedAsync(() => notes.Insert(new Note { Id = 1, Text = "first" }).AsInt32);
        var group = Enumerable.Range(2, 5).Select(id => database.WriteGroupedAsync(() => id == 4
            ? throw new InvalidOperationException("boom")
            : notes.Insert(new Note { Id = id, Text = $"note {id}" }).AsInt32)).ToList();
        busy.Set();
        await holder;

        Assert.Equal(1, await first);
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => group[2])).Message);
        var stored = await Task.WhenAll(group.Where((_, i) => i != 2));
        Assert.Equal(new[] { 2, 3, 5, 6 }, stored);
        Assert.Equal(new[] { 1, 2, 3, 5, 6 }, notes.FindAll().Select(n => n.Id).Order());
    }

    [Fact]
    public async Task A_grouped_write_sees_the_writes_before_it_in_its_group()
    {
        using var database = new AppDatabase(Path.Combine(_folder, "app.db"), shared: false);
        var notes = database.Collection<Note>("notes");

        // Each claims the next free id, as a decision reads the request the decisions before it left: none may claim the same.
        var claims = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => database.WriteGroupedAsync(() =>
        {
            var id = notes.Count() + 1;
            notes.Insert(new Note { Id = id, Text = "claimed" });
            return id;
        }))));

        Assert.Equal(Enumerable.Range(1, 50), claims.Order());
        Assert.Equal(50, notes.Count());
    }

    [Fact]
    public void Instants_round_trip_exactly_to_the_tick()
    {
        var path = Path.Combine(_folder, "app.db");
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1234567);
        using (var database = new AppDatabase(path, shared: false))
        {
            database.Write(() => database.Collection<Note>("notes").Insert(new Note { Id = 1, At = at }));
        }

        using var reopened = new AppDatabase(path, shared: true);
        var read = reopened.Collection<Note>("notes").FindById(1).At;
        Assert.Equal(at.UtcTicks, read.UtcTicks);
    }

    [Fact]
    public void Campaign_ids_written_as_bare_guids_read_back_and_new_ones_are_written_the_same_way()
    {
        var path = Path.Combine(_folder, "app.db");
        var old = Guid.Parse("3f2b6c1e-8d4a-4f6b-9c2e-1a7d5e9b0c42");
        using (var database = new AppDatabase(path, shared: false))
        {
            // The shapes files held before campaign ids had a type: the id and every reference are plain GUIDs.
            database.Database.GetCollection("campaigns").Insert(new BsonDocument
            {
                ["_id"] = old, ["Version"] = 3, ["Name"] = "Winter welcome", ["Status"] = "Draft", ["DraftJson"] = "{}",
            });
            database.Database.GetCollection("runs").Insert(new BsonDocument
            {
                ["_id"] = $"{old:N}-1", ["CampaignId"] = old, ["CampaignName"] = "Winter welcome", ["Status"] = "Completed",
            });
        }

        using var reopened = new AppDatabase(path, shared: false);
        var campaigns = new CampaignStore(reopened);
        var id = new CampaignId(old);
        var campaign = campaigns.Get(id);
        Assert.NotNull(campaign);
        Assert.Equal(id, campaign.Id);
        Assert.Equal("Winter welcome", campaign.Name);
        Assert.Equal([$"{old:N}-1"], new RunStore(reopened).ForCampaign(id).Select(r => r.Id));
        Assert.Equal(campaign.Id, Assert.Single(campaigns.List()).Id);

        var fresh = CampaignId.New();
        reopened.Write(() =>
        {
            campaigns.Insert(new CampaignRecord { Id = fresh, Version = 1, Name = "Spring" });
            new RunStore(reopened).TryInsert(new RunRecord { Id = RunRecord.IdFor(fresh, DateTimeOffset.UnixEpoch), CampaignId = fresh });
        });
        Assert.Equal(fresh.Value, reopened.Database.GetCollection("campaigns").FindById(fresh.Value)["_id"].AsGuid);
        var run = reopened.Database.GetCollection("runs").FindById($"{fresh.Value:N}-{DateTimeOffset.UnixEpoch.UtcTicks}");
        Assert.Equal(fresh.Value, run["CampaignId"].AsGuid);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public sealed class Note
    {
        public int Id { get; set; }

        public string Text { get; set; } = "";

        public DateTimeOffset At { get; set; }
    }
}
