using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.Audiences;

namespace CampaignBot.Core.Tests.Audiences;

public sealed class SplitHashTests
{
    // Computed independently in DuckDB 1.5.6 and PostgreSQL 15 with the SQL in docs/splitting.md.
    [Theory]
    [InlineData("7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f", "C0000001", 2002)]
    [InlineData("7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f", "C0000002", 9981)]
    [InlineData("7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f", "ünïcødé-42", 45)]
    [InlineData("00000000-0000-0000-0000-000000000001", "C0000001", 1061)]
    [InlineData("k", "c1", 4544)]
    public void Buckets_match_the_values_duckdb_and_postgresql_compute(string splitKey, string customerId, int expected)
    {
        Assert.Equal(expected, new SplitHash(splitKey).BucketOf(customerId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    [InlineData(5000)]
    public void Ids_of_any_length_hash_like_the_written_definition(int length)
    {
        var customerId = string.Concat(Enumerable.Repeat("é", length));

        Assert.Equal(ReferenceBucket("campaign", customerId), new SplitHash("campaign").BucketOf(customerId));
    }

    [Fact]
    public void Buckets_stay_within_the_ten_thousand_range()
    {
        var hash = new SplitHash("range");

        var buckets = Enumerable.Range(0, 50_000).Select(i => hash.BucketOf($"C{i}")).ToList();

        Assert.InRange(buckets.Min(), 0, 10);
        Assert.InRange(buckets.Max(), 9_990, SplitHash.Buckets - 1);
    }

    /// <summary>The definition in docs/splitting.md, written the slow, obvious way.</summary>
    private static int ReferenceBucket(string key, string customerId)
    {
        var digest = MD5.HashData(Encoding.UTF8.GetBytes($"{key}:{customerId}"));
        var leading = BinaryPrimitives.ReadUInt32BigEndian(digest);
        return (int)(leading * 10_000UL / 4_294_967_296UL);
    }
}
