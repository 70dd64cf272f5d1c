namespace CampaignBot.Core.People;

/// <summary>A member of staff as the user directory knows them, whichever channel they came from.</summary>
public sealed record Person(string Id, string Name, Role Roles, string? Email = null)
{
    /// <summary>Admins hold every role.</summary>
    public bool Holds(Role role) => (Roles & Role.Admin) != 0 || (Roles & role) == role;
}
