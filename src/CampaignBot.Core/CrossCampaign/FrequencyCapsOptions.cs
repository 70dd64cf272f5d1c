using System.Globalization;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.CrossCampaign;

/// <summary>
/// Frequency caps, bound from the "FrequencyCaps" section: per delivery channel, at most <c>MaxDeliveries</c> sends to
/// a customer within any rolling <c>Window</c>, across all campaigns. A channel without an entry is not capped; file
/// drops are exempt unless given one.
/// <code>
/// "FrequencyCaps": { "email": { "MaxDeliveries": 2, "Window": "7.00:00:00" }, "sms": { "MaxDeliveries": 1, "Window": "1.00:00:00" } }
/// </code>
/// </summary>
public sealed class FrequencyCapsOptions
{
    public const string Section = "FrequencyCaps";

    /// <summary>A cap longer than a year would hold a customer's history longer than anything else CampaignBot measures.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(365);

    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);

    public const int MaxDeliveriesLimit = 1000;

    /// <summary>By channel name: email, sms, paid_media or files.</summary>
    public Dictionary<string, ChannelCapSettings> Channels { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every problem with these settings, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (channel, cap) in Channels.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var key = $"{Section}:{channel}";
            if (!SendChannel.All.Contains(channel, StringComparer.OrdinalIgnoreCase))
            {
                var guess = ClosestName.Among(channel, SendChannel.All) is { } closest ? $" Did you mean {closest}?" : "";
                problems.Add($"{key} is not a delivery channel; the channels are {string.Join(", ", SendChannel.All)}.{guess}");
                continue;
            }

            if (cap.MaxDeliveries is not { } max)
            {
                problems.Add($"{key}:MaxDeliveries is missing: how many deliveries a customer may receive on {channel} within the window.");
            }
            else if (max is < 1 or > MaxDeliveriesLimit)
            {
                problems.Add($"{key}:MaxDeliveries must be between 1 and {MaxDeliveriesLimit.ToString(CultureInfo.InvariantCulture)}; it is {max.ToString(CultureInfo.InvariantCulture)}. To send nothing on a channel, remove its destinations from campaigns instead.");
            }

            if (cap.Window is not { } window)
            {
                problems.Add($"{key}:Window is missing: the rolling period the cap counts deliveries over, as days.hours:minutes:seconds (7.00:00:00 is a week).");
            }
            else if (window < MinWindow || window > MaxWindow)
            {
                problems.Add($"{key}:Window must be between {MinWindow.ToString("c", CultureInfo.InvariantCulture)} and {MaxWindow.ToString("c", CultureInfo.InvariantCulture)}; it is {window.ToString("c", CultureInfo.InvariantCulture)}.");
            }
        }

        return problems;
    }

    /// <summary>The caps in channel order, once <see cref="Problems"/> is empty.</summary>
    public FrequencyCaps Caps()
    {
        if (Problems() is [var first, ..])
        {
            throw new InvalidOperationException(first);
        }

        return new FrequencyCaps(Channels.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase).Select(c => new FrequencyCap(c.Key.ToLowerInvariant(), c.Value.MaxDeliveries!.Value, c.Value.Window!.Value)).ToList());
    }
}

/// <summary>One channel's cap as written in settings; both values are required.</summary>
public sealed class ChannelCapSettings
{
    public int? MaxDeliveries { get; set; }

    public TimeSpan? Window { get; set; }
}
