namespace CampaignBot.Core.People;

/// <summary>A member of staff as the user directory knows them, whichever channel they came from; <see cref="Permissions"/> says what their roles allow.</summary>
public sealed record Person(string Id, string Name, Role Roles, string? Email = null)
{
    /// <summary>
    /// Ids match as the user directory matches them, ignoring case: "Omar" and "omar" are one person, who neither
    /// approves their own campaign nor counts as two approvers.
    /// </summary>
    public static readonly StringComparer IdComparer = StringComparer.OrdinalIgnoreCase;
}
