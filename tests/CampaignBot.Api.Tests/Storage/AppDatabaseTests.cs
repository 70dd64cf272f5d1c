using CampaignBot.App.Storage;

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

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public sealed class Note
    {
        public int Id { get; set; }

        public string Text { get; set; } = "";

        public DateTimeOffset At { get; set; }
    }
}
