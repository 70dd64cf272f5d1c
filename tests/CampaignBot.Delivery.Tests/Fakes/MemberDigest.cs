using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// A member's identity in 16 bytes (the head of the SHA-256 of its key's UTF-8): what a fake keeps per member when a
/// benchmark sends millions and only asks who is in a list, so memory is a few dozen bytes a member, not its body.
/// </summary>
public readonly record struct MemberDigest(ulong High, ulong Low)
{
    public static MemberDigest Of(ReadOnlySpan<byte> utf8)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, digest);
        return new MemberDigest(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
    }

    public static MemberDigest Of(string key) => Of(Encoding.UTF8.GetBytes(key));
}

/// <summary>The members of each list as digests only, each list's set made for <paramref name="expectedPerList"/>; thread-safe.</summary>
/// <remarks>A set of 3,000,000 is 84 MB; grown from empty it would be copied into one twice its size on the way, twice the peak.</remarks>
public sealed class CompactMembers(int expectedPerList = 0)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<MemberDigest>> _lists = new();

    public void Add(string list, IEnumerable<MemberDigest> members)
    {
        var set = _lists.GetOrAdd(list, _ => new HashSet<MemberDigest>(expectedPerList));
        lock (set)
        {
            set.UnionWith(members);
        }
    }

    public void Remove(string list, IEnumerable<MemberDigest> members)
    {
        if (_lists.TryGetValue(list, out var set))
        {
            lock (set)
            {
                set.ExceptWith(members);
            }
        }
    }

    public int Count(string list)
    {
        if (!_lists.TryGetValue(list, out var set))
        {
            return 0;
        }

        lock (set)
        {
            return set.Count;
        }
    }

    public bool Holds(string list, MemberDigest member)
    {
        if (!_lists.TryGetValue(list, out var set))
        {
            return false;
        }

        lock (set)
        {
            return set.Contains(member);
        }
    }
}
