using System.Collections.Concurrent;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.App.Storage;

/// <summary>
/// The service's LiteDB file. Writes that belong together go through <see cref="Write{T}"/>: one transaction,
/// serialized in this process by a lock and across processes (shared connection) by LiteDB's system-wide mutex,
/// so a read-check-write inside it cannot interleave with another writer; a write inside a write joins the outer
/// transaction. Bodies are synchronous on purpose:
/// LiteDB transactions and its mutex belong to the thread that began them.
/// </summary>
public sealed partial class AppDatabase : IDisposable
{
    private readonly Lock _writeGate = new();
    private readonly ConcurrentDictionary<string, bool> _indexed = new(StringComparer.Ordinal);

    // Writes nest (a service's transaction may call a store that writes): only the outermost begins and commits.
    private int _depth;

    public AppDatabase(string path, bool shared)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        Database = new LiteDatabase(new ConnectionString
        {
            Filename = path,
            Connection = shared ? ConnectionType.Shared : ConnectionType.Direct,
        }, CreateMapper());
        Path = path;
    }

    public string Path { get; }

    public LiteDatabase Database { get; }

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>
    /// The collection, with its indexes ensured the first time this database hands it out. LiteDB's EnsureIndex takes
    /// the write lock even when the index exists, so ensuring on every read queued each read behind any open write.
    /// </summary>
    public ILiteCollection<T> Collection<T>(string name, Action<ILiteCollection<T>> ensureIndexes)
    {
        ArgumentNullException.ThrowIfNull(ensureIndexes);
        var collection = Database.GetCollection<T>(name);
        if (!_indexed.ContainsKey(name))
        {
            ensureIndexes(collection);
            _indexed.TryAdd(name, true);
        }

        return collection;
    }

    public T Write<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        lock (_writeGate)
        {
            if (_depth > 0)
            {
                _depth++;
                try
                {
                    return body();
                }
                finally
                {
                    _depth--;
                }
            }

            _depth = 1;
            Database.BeginTrans();
            try
            {
                var result = body();
                Database.Commit();
                return result;
            }
            catch
            {
                Database.Rollback();
                throw;
            }
            finally
            {
                _depth = 0;
            }
        }
    }

    public void Write(Action body) => Write(() =>
    {
        body();
        return true;
    });

    public void Dispose()
    {
        CloseGroups();
        Database.Dispose();
    }

    // Instants are stored as UTC ticks: exact (LiteDB's own dates keep milliseconds only) and comparable in queries,
    // which matters because a run's occurrence instant is its idempotency key.
    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false };
        mapper.RegisterType(value => new BsonValue(value.UtcTicks), bson => new DateTimeOffset(bson.AsInt64, TimeSpan.Zero));

        // Campaign ids are stored as the bare GUIDs they were before they had a type, so existing files keep reading.
        mapper.RegisterType(id => new BsonValue(id.Value), bson => new CampaignId(bson.AsGuid));
        return mapper;
    }
}
