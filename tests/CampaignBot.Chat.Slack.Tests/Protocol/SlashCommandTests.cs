using System.Text;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Protocol;

namespace CampaignBot.Chat.Slack.Tests.Protocol;

public sealed class SlashCommandTests
{
    private const string Form =
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc"
        + "&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=%2Fcampaign&text=new+Spring+sale+%26+more"
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0&api_app_id=A123456";

    [Fact]
    public void Slash_command_form_body_is_parsed_into_its_fields()
    {
        var result = SlashCommand.Parse(Encoding.UTF8.GetBytes(Form));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            new SlashCommand("/campaign", "new Spring sale & more", "U2147483697", "Steve", "C2147483705", "T0001",
                "https://hooks.slack.com/commands/1234/5678", "13345224609.738474920.8088930838d88f008e0", "A123456"),
            result.Value);
    }

    [Fact]
    public void Command_text_arrives_as_plain_text_with_slack_escaping_undone()
    {
        // What Slack posts for "/campaign segment new X where lifetime_value > 2000": the '>' comes as &gt;.
        var body = Form.Replace("text=new+Spring+sale+%26+more", "text=segment+new+X+where+lifetime_value+%26gt%3B+2000+and+name+%21%3D+%26lt%3BFish+%26amp%3B+Chips%26gt%3B", StringComparison.Ordinal);

        var result = SlashCommand.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal("segment new X where lifetime_value > 2000 and name != <Fish & Chips>", result.Value!.Text);
    }

    [Fact]
    public void Ssl_check_probe_is_detected_and_not_parsed_as_a_command()
    {
        var probe = Encoding.UTF8.GetBytes("ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO&command=%2Fcampaign&user_id=U1&channel_id=C1&team_id=T1");
        Assert.True(SlashCommand.IsSslCheck(probe));
        Assert.False(SlashCommand.Parse(probe).Succeeded);
        Assert.False(SlashCommand.IsSslCheck(Encoding.UTF8.GetBytes(Form)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("text=hello")]
    [InlineData("command=campaign&user_id=U1&channel_id=C1&team_id=T1")]
    [InlineData("%%%=%zz&&&=")]
    public void Incomplete_or_garbled_form_is_a_parse_failure(string body)
    {
        var result = SlashCommand.Parse(Encoding.UTF8.GetBytes(body));
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Error);
    }
}
