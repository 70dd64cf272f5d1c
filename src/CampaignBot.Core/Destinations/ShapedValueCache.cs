using System.Collections.Concurrent;

namespace CampaignBot.Core.Destinations;

/// <summary>
/// Remembers what a raw text value shaped to, per attribute (and per country for phones), so a value seen
/// again skips normalization and SHA-256: names, postal codes, cities and shared phones repeat across an
/// audience. Shaping is a pure function of (attribute, text, country), so a remembered value is exactly what
/// shaping it again would give. Bounded per attribute, so memory stays flat. An attribute whose values hardly
/// repeat (emails) stops being looked up after a trial, so distinct values pay almost nothing; phones keep
/// their cache, since one hit saves a libphonenumber parse and validation worth a hundred missed lookups.
/// Safe to share between the writers of several groups.
/// </summary>
internal sealed class ShapedValueCache
{
    /// <summary>Values kept per attribute; at about 250 bytes each, a few MB per attribute at most.</summary>
    public const int Capacity = 16_384;

    /// <summary>Lookups after which an attribute keeps its cache only if a quarter of them were hits.</summary>
    public const int Trial = 4_096;

    private readonly Slot[] _slots;

    /// <param name="alwaysWorthIt">Per attribute: true when shaping it costs so much that any repeat pays for the lookups.</param>
    public ShapedValueCache(IReadOnlyList<bool> alwaysWorthIt)
    {
        _slots = alwaysWorthIt.Select(always => new Slot(always)).ToArray();
    }

    /// <summary>The shaped value (null: not usable) when this text was shaped before for the attribute.</summary>
    public bool TryGet(int attribute, string text, string? country, out string? shaped)
    {
        var slot = _slots[attribute];
        if (slot.GaveUp)
        {
            shaped = null;
            return false;
        }

        var found = slot.Values.TryGetValue(new Key(text, country), out shaped);
        if (slot.InTrial)
        {
            slot.Count(found);
        }

        return found;
    }

    public void Remember(int attribute, string text, string? country, string? shaped)
    {
        var slot = _slots[attribute];
        if (!slot.GaveUp && slot.HasRoom && slot.Values.TryAdd(new Key(text, country), shaped))
        {
            slot.Stored();
        }
    }

    /// <summary>Whether values of the attribute are still being looked up (false once they proved not to repeat).</summary>
    public bool Caches(int attribute) => !_slots[attribute].GaveUp;

    private readonly record struct Key(string Text, string? Country);

    private sealed class Slot(bool alwaysWorthIt)
    {
        private long _lookups;
        private long _hits;
        private int _stored;
        private volatile bool _gaveUp;

        public ConcurrentDictionary<Key, string?> Values { get; } = new();

        public bool InTrial => !alwaysWorthIt && Interlocked.Read(ref _lookups) < Trial;

        public bool GaveUp => _gaveUp;

        // Counted here: ConcurrentDictionary.Count takes every lock of the table, on every miss it would cost more than shaping.
        public bool HasRoom => Volatile.Read(ref _stored) < Capacity;

        public void Stored() => Interlocked.Increment(ref _stored);

        public void Count(bool hit)
        {
            if (alwaysWorthIt)
            {
                return;
            }

            if (hit)
            {
                Interlocked.Increment(ref _hits);
            }

            if (Interlocked.Increment(ref _lookups) == Trial && Interlocked.Read(ref _hits) * 4 < Trial)
            {
                _gaveUp = true;
                Values.Clear();
            }
        }
    }
}
