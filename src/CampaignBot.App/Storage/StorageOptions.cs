using System.ComponentModel.DataAnnotations;

namespace CampaignBot.App.Storage;

/// <summary>Where the service keeps its own state (campaigns, approvals, runs, audit): one LiteDB file.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>A relative path is under the content root (src/CampaignBot.Api when run from source).</summary>
    [Required(ErrorMessage = "Storage:LiteDbPath is required.")]
    public string LiteDbPath { get; set; } = "data/campaignbot.db";

    /// <summary>
    /// "direct" (the default: this process owns the file) or "shared" (several service instances on one machine
    /// open the same file; every write takes a system-wide lock, so it is slower).
    /// </summary>
    public string Connection { get; set; } = "direct";

    public bool IsShared => string.Equals(Connection, "shared", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsShared && !string.Equals(Connection, "direct", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Storage:Connection is '{Connection}'; use 'direct' or 'shared'.", [nameof(Connection)]);
        }
    }
}
