using System.Text.RegularExpressions;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Destinations;

/// <summary>Start-up checks of the settings the API destinations (Klaviyo, Meta Ads, TikTok Ads, Criteo, Listrak, Attentive's Segments API) read.</summary>
public static partial class HttpDestinationRules
{
    public static void Check(DestinationInstance instance, string path, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(problems);
        var name = $"Destination '{instance.Name}' ({instance.Descriptor.DisplayName})";
        if (instance.Kind == DestinationKind.MetaAds && !AdAccount().IsMatch(instance.AccountId ?? ""))
        {
            problems.Error($"{path}:AccountId", $"{name} needs an AccountId, the ad account its audiences live in, such as act_1234567890.");
        }

        if (instance.Kind == DestinationKind.TikTokAds && !Advertiser().IsMatch(instance.AccountId ?? ""))
        {
            problems.Error($"{path}:AccountId", $"{name} needs an AccountId, the advertiser id its audiences live in, such as 7012345678901234567.");
        }

        if (instance.Kind == DestinationKind.Criteo && !Advertiser().IsMatch(instance.AccountId ?? ""))
        {
            problems.Error($"{path}:AccountId", $"{name} needs an AccountId, the Criteo advertiser id its audience segments belong to, such as 12345.");
        }

        // Listrak lists are found or created by campaign and group name, so a fixed list id would be ignored.
        if (instance.Kind == DestinationKind.Listrak && !string.IsNullOrWhiteSpace(instance.AccountId))
        {
            problems.Error($"{path}:AccountId", $"{name} has an AccountId, but Listrak lists are found or created by campaign and group; leave AccountId out.");
        }

        if (instance.ApiVersion is { } version)
        {
            if (instance.Kind == DestinationKind.Klaviyo && !KlaviyoRevision().IsMatch(version))
            {
                problems.Error($"{path}:ApiVersion", $"{name} has ApiVersion '{version}'; Klaviyo revisions are dates such as 2025-10-15.");
            }
            else if (instance.Kind == DestinationKind.MetaAds && !DottedVersion().IsMatch(version))
            {
                problems.Error($"{path}:ApiVersion", $"{name} has ApiVersion '{version}'; Graph API versions look like v21.0.");
            }
            else if (instance.Kind == DestinationKind.TikTokAds && !DottedVersion().IsMatch(version))
            {
                problems.Error($"{path}:ApiVersion", $"{name} has ApiVersion '{version}'; TikTok Business API versions look like v1.3.");
            }
            else if (instance.Kind == DestinationKind.Criteo && !CriteoVersion().IsMatch(version))
            {
                problems.Error($"{path}:ApiVersion", $"{name} has ApiVersion '{version}'; Criteo versions are months such as 2026-01, or preview.");
            }
            else if (instance.Kind == DestinationKind.Attentive && version != "v2")
            {
                problems.Error($"{path}:ApiVersion", $"{name} has ApiVersion '{version}'; the Attentive Segments API is v2, so leave ApiVersion out.");
            }
            else if (instance.Kind == DestinationKind.Listrak && version != "v1")
            {
                problems.Error($"{path}:ApiVersion", $"{name} has ApiVersion '{version}'; the Listrak Email API has only v1, so leave ApiVersion out.");
            }
        }

        if (instance.RequestsPerSecond is <= 0 || instance.RequestsPerMinute is <= 0)
        {
            problems.Error($"{path}:RequestsPerSecond", $"{name} has a request rate of zero or less; use positive numbers, or leave them out for the service's defaults.");
        }

        foreach (var (key, value) in new[] { ("AttemptTimeout", instance.AttemptTimeout), ("TotalTimeout", instance.TotalTimeout), ("RetryDelay", instance.RetryDelay), ("PollInterval", instance.PollInterval) })
        {
            if (value is { } span && span <= TimeSpan.Zero)
            {
                problems.Error($"{path}:{key}", $"{name} has {key} {span}; use a positive duration such as 00:00:30, or leave it out.");
            }
        }

        if (instance.AttemptTimeout is { } attempt && instance.TotalTimeout is { } total && total < attempt)
        {
            problems.Error($"{path}:TotalTimeout", $"{name} has a TotalTimeout shorter than its AttemptTimeout; the total covers every try.");
        }
    }

    [GeneratedRegex(@"^(act_)?[0-9]+$")]
    private static partial Regex AdAccount();

    [GeneratedRegex(@"^[0-9]+$")]
    private static partial Regex Advertiser();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.[a-z]+)?$")]
    private static partial Regex KlaviyoRevision();

    [GeneratedRegex(@"^v[0-9]+\.[0-9]+$")]
    private static partial Regex DottedVersion();

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{2}|preview)$")]
    private static partial Regex CriteoVersion();
}
