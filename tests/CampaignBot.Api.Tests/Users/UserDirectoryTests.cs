using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Users;
using CampaignBot.Core.People;

namespace CampaignBot.Api.Tests.Users;

public sealed class UserDirectoryTests
{
    private const string MayaKey = "maya-key-0123456789abcdefghij";

    [Theory]
    [InlineData("Users:People:1:Id", "maya", "Users:People:1:Id 'maya' is used by two people.")]
    [InlineData("Users:People:0:Roles:1", "superuser", "Users:People:0:Roles has 'superuser'; use viewer, marketer, approver, oncall or admin.")]
    [InlineData("ApiKeys:Keys:0:Key", "short-key", "ApiKeys:Keys:0:Key is shorter than 24 characters; generate a long random key.")]
    [InlineData("ApiKeys:Keys:0:User", "zed", "ApiKeys:Keys:0:User 'zed' is not in Users:People.")]
    [InlineData("Users:People:1:SlackUserIds:0", "U0MAYA", "Slack user U0MAYA belongs to more than one person.")]
    [InlineData("Users:People:1:TeamsObjectIds:0", "aad-maya", "Teams object id aad-maya belongs to more than one person.")]
    [InlineData("Users:People:1:Email", "Maya@Example.com", "Users:People maya and omar have the same Email; an address belongs to one person.")]
    public void A_bad_user_directory_stops_the_start_with_a_message_per_problem(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Users:People:0:Id"] = "maya",
            ["Users:People:0:Name"] = "Maya Marketer",
            ["Users:People:0:Roles:0"] = "marketer",
            ["Users:People:0:SlackUserIds:0"] = "U0MAYA",
            ["Users:People:0:TeamsObjectIds:0"] = "aad-maya",
            ["Users:People:0:Email"] = "maya@example.com",
            ["Users:People:1:Id"] = "omar",
            ["Users:People:1:Name"] = "Omar Approver",
            ["Users:People:1:Roles:0"] = "approver",
            ["ApiKeys:Keys:0:Key"] = MayaKey,
            ["ApiKeys:Keys:0:User"] = "maya",
            [key] = value,
        };

        var error = StartupValidation.Failure(settings, services => services.AddUserDirectory());

        Assert.Equal([message], error.Failures);
    }

    [Fact]
    public void Every_problem_in_the_user_directory_is_reported_at_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Users:People:0:Id"] = "maya",
            ["Users:People:0:Name"] = "Maya Marketer",
            ["Users:People:0:Roles:0"] = "boss",
            ["Users:People:1:Id"] = "maya",
            ["Users:People:1:Name"] = "Maya Twin",
            ["ApiKeys:Keys:0:Key"] = "tiny",
            ["ApiKeys:Keys:0:User"] = "zed",
        };

        var error = StartupValidation.Failure(settings, services => services.AddUserDirectory());

        Assert.Equal(
            [
                "Users:People:0:Roles has 'boss'; use viewer, marketer, approver, oncall or admin.",
                "Users:People:1:Id 'maya' is used by two people.",
                "ApiKeys:Keys:0:Key is shorter than 24 characters; generate a long random key.",
                "ApiKeys:Keys:0:User 'zed' is not in Users:People.",
            ],
            error.Failures);
    }

    [Fact]
    public async Task A_person_is_found_by_api_key_slack_user_teams_object_and_email()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Users:People:0:Email"] = "maya@example.com",
            ["Users:People:0:SlackUserIds:0"] = "U0MAYA",
            ["Users:People:0:TeamsObjectIds:0"] = "6F2B1C7E-0000-4000-8000-00000000MAYA",
            ["Users:People:1:SlackUserIds:0"] = "U0OMAR",
            ["ApiKeys:Keys:0:Key"] = MayaKey,
            ["ApiKeys:Keys:0:User"] = "maya",
        });
        var directory = host.Get<UserDirectory>();

        Assert.Equal("maya", directory.ByApiKey(MayaKey)?.Id);
        Assert.Equal("maya", directory.ByChannelUser(ChatChannels.Slack, "U0MAYA")?.Id);
        Assert.Equal("omar", directory.ByChannelUser(ChatChannels.Slack, "U0OMAR")?.Id);
        Assert.Equal("maya", directory.ByChannelUser(ChatChannels.Teams, "6f2b1c7e-0000-4000-8000-00000000maya")?.Id);
        Assert.Equal("maya", directory.ByEmail("Maya@Example.com")?.Id);
        Assert.Equal(Role.Marketer, directory.ById("MAYA")?.Roles);
        Assert.Null(directory.ByApiKey(MayaKey[..^1]));
        Assert.Null(directory.ByChannelUser(ChatChannels.Slack, "u0maya"));
        Assert.Null(directory.ByChannelUser(ChatChannels.Teams, "aad-nobody"));
        Assert.Equal(["maya", "ada"], directory.Allowed(Operation.CreateCampaigns).Select(p => p.Id));
        Assert.Equal(["omar", "ada"], directory.Allowed(Operation.DecideApprovals).Select(p => p.Id));
        Assert.Equal(["ada"], directory.Allowed(Operation.DecideApprovals, authorId: "OMAR").Select(p => p.Id));
    }
}
