using System.Net;
using System.Text.Json.Nodes;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.Replies;

namespace CampaignBot.Api.Tests.Teams;

/// <summary>Commands, installs and who is who, through /api/messages and the fake Bot Connector.</summary>
public sealed class TeamsConversationTests
{
    [Fact]
    public async Task Help_typed_in_the_personal_chat_is_answered_there_once_even_when_teams_resends_it()
    {
        await using var teams = await TeamsHost.StartAsync();
        var help = teams.Message(TeamsHost.Maya, "help");

        using var first = await teams.PostAsync(help);
        using var resent = await teams.PostAsync(help);
        var answer = await teams.WaitForAsync(TeamsHost.Maya.PersonalChat);
        await teams.IdleAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, resent.StatusCode));
        Assert.Single(teams.CallsIn(TeamsHost.Maya.PersonalChat));
        Assert.EndsWith($"/activities/{help["id"]}", Uri.UnescapeDataString(answer.RawTarget), StringComparison.Ordinal);
        var text = TeamsHost.Text(TeamsHost.CardOf(answer));
        Assert.Contains("show <campaign>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/campaign", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_says_hello_once_and_the_stored_conversation_is_trusted_again_after_a_restart()
    {
        await using var teams = await TeamsHost.StartAsync();
        using var added = await teams.PostAsync(teams.BotAdded(TeamsHost.Ada, TeamsHost.Approvals));
        var installation = TeamsHost.Activity("installationUpdate", TeamsHost.Ada, TeamsHost.Approvals, teams.ServiceUrl);
        installation["action"] = "add";
        using var installed = await teams.PostAsync(installation);
        var hello = await teams.WaitForAsync(TeamsHost.Approvals);
        await teams.IdleAsync();

        Assert.Single(teams.CallsIn(TeamsHost.Approvals));
        Assert.EndsWith($"/v3/conversations/{TeamsHost.Approvals}/activities", Uri.UnescapeDataString(hello.RawTarget), StringComparison.Ordinal);
        Assert.Contains("Hello!", TeamsHost.Text(TeamsHost.CardOf(hello)), StringComparison.Ordinal);

        await teams.RestartAsync();
        await teams.Host.ApprovedAsync(TestDrafts.OneTime());

        Assert.True(teams.Host.Get<TrustedServiceUrls>().IsTrusted(teams.ServiceUrl));
        Assert.Equal(teams.ServiceUrl, teams.References.Find(TeamsHost.Approvals)!.ServiceUrl);
        await teams.WaitForAsync(TeamsHost.Approvals, c => TeamsHost.Text(c.Body).Contains("Approval needed: Winter welcome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_people_read_help_only_and_people_listed_by_email_are_found_through_the_roster()
    {
        await using var teams = await TeamsHost.StartAsync();
        var stranger = new TeamsUser("29:stranger", "00000000-0000-0000-0000-0000000000ff", "Sam Stranger");
        teams.Connector.AddMember(stranger.PersonalChat, new JsonObject { ["id"] = stranger.Id, ["email"] = "sam@elsewhere.example" });
        teams.Connector.AddMember(TeamsHost.Nora.PersonalChat, new JsonObject { ["id"] = TeamsHost.Nora.Id, ["email"] = "nora@example.com" });

        using var strangerHelp = await teams.PostAsync(teams.Message(stranger, "help"));
        using var strangerNew = await teams.PostAsync(teams.Message(stranger, "new"));
        using var noraNew = await teams.PostAsync(teams.Message(TeamsHost.Nora, "new"));
        await teams.IdleAsync();

        var strangerAnswers = teams.CallsIn(stranger.PersonalChat).Where(c => c.Method == "POST").Select(c => TeamsHost.Text(c.Body)).ToList();
        Assert.Equal(2, strangerAnswers.Count);
        Assert.All(strangerAnswers, a => Assert.Contains("TeamsObjectIds", a, StringComparison.Ordinal));
        Assert.DoesNotContain(strangerAnswers, a => a.Contains("Step 1", StringComparison.Ordinal));
        var nora = TeamsHost.Text(Assert.Single(teams.CallsIn(TeamsHost.Nora.PersonalChat), c => c.Method == "POST").Body);
        Assert.Contains("Only marketers create campaigns", nora, StringComparison.Ordinal);
        Assert.Empty(teams.Host.Campaigns.List(teams.Host.Ada));
    }

    [Fact]
    public async Task A_refusal_asked_for_in_a_channel_goes_to_the_askers_personal_chat_not_the_thread()
    {
        await using var teams = await TeamsHost.StartAsync();
        using var _ = await teams.PostAsync(teams.BotAdded(TeamsHost.Ada, TeamsHost.Approvals));
        await teams.WaitForAsync(TeamsHost.Approvals);

        using var asked = await teams.PostAsync(teams.Message(TeamsHost.Vic, "new", TeamsHost.Approvals));
        var created = await teams.WaitForCallAsync(c => c.Method == "POST" && c.RawTarget.EndsWith("/v3/conversations", StringComparison.Ordinal));
        var chat = created.AnsweredId!;
        var refusal = await teams.WaitForAsync(chat);
        await teams.IdleAsync();

        Assert.Equal((false, TeamsHost.Vic.Id, TeamsHost.Tenant), (created.Body!["isGroup"]!.GetValue<bool>(), created.Body["members"]![0]!["id"]!.GetValue<string>(), created.Body["tenantId"]!.GetValue<string>()));
        Assert.Contains("Only marketers create campaigns", TeamsHost.Text(refusal.Body), StringComparison.Ordinal);
        Assert.Single(teams.CallsIn(TeamsHost.Approvals));
        Assert.Equal(chat, teams.References.Member(TeamsHost.Vic.AadObjectId)!.PersonalConversationId);
    }

    [Fact]
    public async Task A_form_asked_for_in_a_channel_opens_in_the_personal_chat_with_a_note_in_the_thread()
    {
        await using var teams = await TeamsHost.StartAsync();
        using var hello = await teams.PostAsync(teams.Message(TeamsHost.Maya, "hello"));
        await teams.IdleAsync();

        var asked = teams.Message(TeamsHost.Maya, "new", TeamsHost.Approvals);
        using var _ = await teams.PostAsync(asked);
        var form = await teams.WaitForAsync(TeamsHost.Maya.PersonalChat, c => TeamsHost.Text(c.Body).Contains("Step 1", StringComparison.Ordinal));
        var note = await teams.WaitForAsync(TeamsHost.Approvals);

        Assert.Contains("Campaign name", TeamsHost.Text(TeamsHost.CardOf(form)), StringComparison.Ordinal);
        Assert.Contains(TeamsReplies.FormSentPrivately, TeamsHost.Text(note.Body), StringComparison.Ordinal);
        Assert.EndsWith($"{TeamsHost.Approvals};messageid={asked["id"]}/activities", Uri.UnescapeDataString(note.RawTarget), StringComparison.Ordinal);
    }
}
