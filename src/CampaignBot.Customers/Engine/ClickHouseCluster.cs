using System.Text.RegularExpressions;

namespace CampaignBot.Customers.Engine;

/// <summary>Where a ClickHouse cluster is and how CampaignBot lays its tables over it.</summary>
public sealed partial record ClickHouseCluster
{
    public const string DefaultShardingKey = "cityHash64(customer_id)";
    public const string MergeTree = "MergeTree";
    public const string ReplicatedMergeTree = "ReplicatedMergeTree";

    /// <summary>The node CampaignBot sends its queries to (any node of the cluster; it fans them out).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The cluster's name in the servers' <c>remote_servers</c>, such as <c>customers_cluster</c> or <c>{cluster}</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The expression over customer_id that places a customer's rows on a shard. Every table of customer rows uses it,
    /// so a customer's rows share a shard and joins on customer_id stay there.
    /// </summary>
    public string ShardingKey { get; init; } = DefaultShardingKey;

    /// <summary>The engine of each shard's table: <c>MergeTree</c>, or <c>ReplicatedMergeTree</c> where shards have replicas.</summary>
    public string TableEngine { get; init; } = MergeTree;

    /// <summary>
    /// Every node, when the cluster has no distributed DDL (ON CLUSTER needs ClickHouse Keeper): tables are then
    /// created, swapped and deleted from on each node in turn. Empty: through ON CLUSTER.
    /// </summary>
    public IReadOnlyList<string> NodeConnectionStrings { get; init; } = [];

    public static bool IsClusterName(string? name) => name is not null && ClusterName().IsMatch(name);

    public static bool IsShardingKey(string? expression) =>
        expression is not null && ShardingExpression().IsMatch(expression) && expression.Contains("customer_id", StringComparison.Ordinal);

    public static bool IsTableEngine(string? engine) => engine is MergeTree or ReplicatedMergeTree;

    /// <summary>Throws when a setting would not make valid DDL (the host validates them at start with friendlier messages).</summary>
    public void Validate()
    {
        if (!IsClusterName(Name))
        {
            throw new ArgumentException($"'{Name}' is not a ClickHouse cluster name.", nameof(Name));
        }

        if (!IsShardingKey(ShardingKey))
        {
            throw new ArgumentException($"'{ShardingKey}' is not an expression over customer_id.", nameof(ShardingKey));
        }

        if (!IsTableEngine(TableEngine))
        {
            throw new ArgumentException($"'{TableEngine}' is not {MergeTree} or {ReplicatedMergeTree}.", nameof(TableEngine));
        }
    }

    [GeneratedRegex(@"^(\{[a-z_]+\}|[A-Za-z0-9_.\-]+)$")]
    private static partial Regex ClusterName();

    // Function calls, names, numbers and arithmetic only: the key goes into DDL as written.
    [GeneratedRegex(@"^[A-Za-z0-9_(), %+*-]+$")]
    private static partial Regex ShardingExpression();
}
