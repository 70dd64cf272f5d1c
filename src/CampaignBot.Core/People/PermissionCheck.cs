namespace CampaignBot.Core.People;

/// <summary>Whether a person may do something, or the sentence that tells them why not.</summary>
public sealed record PermissionCheck(string? Refusal)
{
    public static readonly PermissionCheck Allowed = new((string?)null);

    public bool IsAllowed => Refusal is null;

    public static PermissionCheck Refuse(string reason) => new(reason);
}
