namespace CampaignBot.App.Users;

/// <summary>The people who use CampaignBot, each with the identities they arrive with on each channel.</summary>
public sealed class UsersOptions
{
    public const string Section = "Users";

    public List<UserSettings> People { get; set; } = [];
}

public sealed class UserSettings
{
    /// <summary>A short stable id ("maya"); it is what the audit log records.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>Any of viewer, marketer, approver, oncall, admin.</summary>
    public List<string> Roles { get; set; } = [];

    public List<string> SlackUserIds { get; set; } = [];

    /// <summary>Azure AD object ids, as Teams sends them in <c>from.aadObjectId</c>.</summary>
    public List<string> TeamsObjectIds { get; set; } = [];
}

/// <summary>REST API keys and whose they are. Keys are secrets: set them through the environment, never the repo.</summary>
public sealed class ApiKeysOptions
{
    public const string Section = "ApiKeys";

    public List<ApiKeySettings> Keys { get; set; } = [];
}

public sealed class ApiKeySettings
{
    public string Key { get; set; } = "";

    /// <summary>The <see cref="UserSettings.Id"/> the key acts as.</summary>
    public string User { get; set; } = "";
}
