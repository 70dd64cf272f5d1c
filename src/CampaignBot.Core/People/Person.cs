namespace CampaignBot.Core.People;

/// <summary>A member of staff as the user directory knows them, whichever channel they came from.</summary>
public sealed record Person(string Id, string Name, Role Roles, string? Email = null)
{
    /// <summary>
    /// Ids match as the user directory matches them, ignoring case: "Omar" and "omar" are one person, who neither
    /// approves their own campaign nor counts as two approvers.
    /// </summary>
    public static readonly StringComparer IdComparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>Every role reads campaigns and runs; someone listed without a role reads nothing.</summary>
    public bool MayRead => Roles != Role.None;

    /// <summary>Admins hold every role.</summary>
    public bool Holds(Role role) => (Roles & Role.Admin) != 0 || (Roles & role) == role;
}
