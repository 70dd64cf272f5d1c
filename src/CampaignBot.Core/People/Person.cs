namespace CampaignBot.Core.People;

/// <summary>A member of staff as the user directory knows them, whichever channel they came from.</summary>
public sealed record Person(string Id, string Name, Role Roles, string? Email = null)
{
    /// <summary>Every role reads campaigns and runs; someone listed without a role reads nothing.</summary>
    public bool MayRead => Roles != Role.None;

    /// <summary>Admins hold every role.</summary>
    public bool Holds(Role role) => (Roles & Role.Admin) != 0 || (Roles & role) == role;
}
