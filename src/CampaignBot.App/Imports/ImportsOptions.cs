using System.ComponentModel.DataAnnotations;

namespace CampaignBot.App.Imports;

/// <summary>The "Imports" section: where uploaded customer files wait while they are imported, and how large they may be.</summary>
public sealed class ImportsOptions
{
    public const string Section = "Imports";

    /// <summary>Uploaded files are written here, then read once and deleted; a relative path is under the content root.</summary>
    [Required(ErrorMessage = "Imports:Folder is required.")]
    public string Folder { get; set; } = "data/imports";

    /// <summary>The largest file POST /api/customers/imports accepts (the API's JSON limit does not apply to it).</summary>
    [Range(1_048_576, 1_099_511_627_776, ErrorMessage = "Imports:MaxFileBytes must be between 1 MB and 1 TB.")]
    public long MaxFileBytes { get; set; } = 10_737_418_240;
}
