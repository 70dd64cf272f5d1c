using System.ComponentModel.DataAnnotations;
using Cluster = CampaignBot.Customers.Engine.ClickHouseCluster;

namespace CampaignBot.App.Customers;

/// <summary>Where customer data lives. The embedded default needs nothing installed.</summary>
public sealed class CustomersOptions : IValidatableObject
{
    public const string Section = "Customers";
    public const string DuckDb = "duckdb";
    public const string Postgres = "postgres";
    public const string ClickHouse = "clickhouse";

    /// <summary>"duckdb" (embedded file, the default), "postgres" (a server) or "clickhouse" (a sharded cluster).</summary>
    public string Engine { get; set; } = DuckDb;

    /// <summary>The DuckDB file; a relative path is under the content root (src/CampaignBot.Api when run from source).</summary>
    public string DuckDbPath { get; set; } = "data/customers.duckdb";

    /// <summary>DuckDB's memory cap (it spills to disk beyond it), such as "1GB"; empty leaves DuckDB's default of 80% of RAM.</summary>
    [RegularExpression(@"^\d+(\.\d+)?\s?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", ErrorMessage = "Customers:DuckDbMemoryLimit must be a size such as 512MB or 2GB.")]
    public string? DuckDbMemoryLimit { get; set; } = "1GB";

    public string? PostgresConnectionString { get; set; }

    /// <summary>The ClickHouse node CampaignBot queries (HTTP), e.g. "Host=ch1;Port=8123;Username=campaignbot;Password=…;Database=campaignbot".</summary>
    public string? ClickHouseConnectionString { get; set; }

    /// <summary>The cluster's name in the servers' remote_servers section.</summary>
    public string? ClickHouseCluster { get; set; }

    /// <summary>The expression over customer_id that shards every table of customer rows alike.</summary>
    public string ClickHouseShardingKey { get; set; } = Cluster.DefaultShardingKey;

    /// <summary>The shards' table engine: MergeTree, or ReplicatedMergeTree where shards have replicas.</summary>
    public string ClickHouseTableEngine { get; set; } = Cluster.MergeTree;

    /// <summary>Every node's connection string, for a cluster without distributed DDL (ON CLUSTER); empty uses ON CLUSTER.</summary>
    public List<string> ClickHouseNodeConnectionStrings { get; set; } = [];

    /// <summary>
    /// Demo customers generated on first start when the customer tables are empty; 0 turns it off. Up to 50 million, so a
    /// run can be tried at the scales docs/scaling.md and the run benchmark describe (30M).
    /// </summary>
    [Range(0, 50_000_000)]
    public long DemoCustomers { get; set; } = 100_000;

    /// <summary>
    /// Logical tables (customer_360, merged_customers, suppressions) read from the user's own tables, views or Parquet
    /// files instead of CampaignBot's; empty reads CampaignBot's own. See docs/customer-data.md.
    /// </summary>
    public Dictionary<string, CustomerTableOptions> Tables { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EngineProblems().Concat(CustomerTableMapping.Problems(this));

    private IEnumerable<ValidationResult> EngineProblems()
    {
        if (!IsDuckDb && !IsPostgres && !IsClickHouse)
        {
            yield return new ValidationResult($"Customers:Engine is '{Engine}'; use '{DuckDb}', '{Postgres}' or '{ClickHouse}'.", [nameof(Engine)]);
        }
        else if (IsPostgres && string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            yield return new ValidationResult("Customers:PostgresConnectionString is required when Customers:Engine is 'postgres'.", [nameof(PostgresConnectionString)]);
        }
        else if (IsClickHouse)
        {
            foreach (var problem in ClickHouseProblems())
            {
                yield return problem;
            }
        }
        else if (IsDuckDb && string.IsNullOrWhiteSpace(DuckDbPath))
        {
            yield return new ValidationResult("Customers:DuckDbPath is required when Customers:Engine is 'duckdb'.", [nameof(DuckDbPath)]);
        }
    }

    public bool IsPostgres => string.Equals(Engine, Postgres, StringComparison.OrdinalIgnoreCase);

    public bool IsClickHouse => string.Equals(Engine, ClickHouse, StringComparison.OrdinalIgnoreCase);

    private bool IsDuckDb => string.Equals(Engine, DuckDb, StringComparison.OrdinalIgnoreCase);

    public Cluster ClickHouseSettings() => new()
    {
        ConnectionString = ClickHouseConnectionString!,
        Name = ClickHouseCluster!,
        ShardingKey = ClickHouseShardingKey,
        TableEngine = ClickHouseTableEngine,
        NodeConnectionStrings = ClickHouseNodeConnectionStrings,
    };

    private IEnumerable<ValidationResult> ClickHouseProblems()
    {
        if (string.IsNullOrWhiteSpace(ClickHouseConnectionString))
        {
            yield return new ValidationResult("Customers:ClickHouseConnectionString is required when Customers:Engine is 'clickhouse'.", [nameof(ClickHouseConnectionString)]);
        }
        else if (!IsConnectionString(ClickHouseConnectionString))
        {
            // The value is not repeated: it may hold a password.
            yield return new ValidationResult("Customers:ClickHouseConnectionString is not a connection string such as Host=ch1;Port=8123;Database=campaignbot.", [nameof(ClickHouseConnectionString)]);
        }

        if (!Cluster.IsClusterName(ClickHouseCluster))
        {
            yield return new ValidationResult(
                "Customers:ClickHouseCluster must name the cluster of the servers' remote_servers section (letters, digits, '_', '-', '.', or a {macro}) when Customers:Engine is 'clickhouse'.",
                [nameof(ClickHouseCluster)]);
        }

        if (!Cluster.IsShardingKey(ClickHouseShardingKey))
        {
            yield return new ValidationResult(
                $"Customers:ClickHouseShardingKey must be an expression over customer_id, such as {Cluster.DefaultShardingKey}.", [nameof(ClickHouseShardingKey)]);
        }

        if (!Cluster.IsTableEngine(ClickHouseTableEngine))
        {
            yield return new ValidationResult(
                $"Customers:ClickHouseTableEngine is '{ClickHouseTableEngine}'; use {Cluster.MergeTree} or {Cluster.ReplicatedMergeTree}.",
                [nameof(ClickHouseTableEngine)]);
        }

        if (ClickHouseNodeConnectionStrings.Any(n => string.IsNullOrWhiteSpace(n) || !IsConnectionString(n)))
        {
            yield return new ValidationResult(
                "Customers:ClickHouseNodeConnectionStrings must list a connection string for every node (Host=…;Port=8123;…), or nothing to use ON CLUSTER.", [nameof(ClickHouseNodeConnectionStrings)]);
        }
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            return new ClickHouse.Driver.ADO.ClickHouseConnectionStringBuilder(value).ContainsKey("Host");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
