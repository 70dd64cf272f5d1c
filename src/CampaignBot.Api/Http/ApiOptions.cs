using System.ComponentModel.DataAnnotations;

namespace CampaignBot.Api.Http;

/// <summary>The "Api" section: how much one caller may ask of the REST API.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests per minute per API key (per address for requests without a valid key).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Api:PermitsPerMinute must be between 1 and 1,000,000.")]
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>The largest request body accepted; a campaign draft is a few kilobytes.</summary>
    [Range(1_024, 104_857_600, ErrorMessage = "Api:MaxRequestBodyBytes must be between 1 KB and 100 MB.")]
    public long MaxRequestBodyBytes { get; set; } = 262_144;

    /// <summary>Lists return at most this many items per page.</summary>
    public const int MaxPageSize = 100;
}
