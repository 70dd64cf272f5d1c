using System.Net;
using System.Net.Http.Json;
using CampaignBot.Api.Tests;
using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Users;
using CampaignBot.Chat.Web.Tests.Hosting;
using CampaignBot.Conversations;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Chat.Web.Tests.Notices;

/// <summary>Approval requests, decisions and run updates reach the signed-in people who should hear them, live.</summary>
public sealed class WebChatNoticeTests
{
    private static readonly Dictionary<string, string?> FastScheduler = new() { ["Scheduler:PollInterval"] = "00:00:00.200" };

    [Fact]
    public async Task An_approval_card_reaches_approvers_live_updates_in_place_and_the_author_hears_the_decision_and_the_run()
    {
        await using var factory = new CampaignBotFactory(FastScheduler);
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        using var omar = await ChatSession.SignInAsync(factory, "omar");
        using var ada = await ChatSession.SignInAsync(factory, "ada");
        await using var mayaSees = await maya.EventsAsync();
        await using var omarSees = await omar.EventsAsync();
        await using var adaSees = await ada.EventsAsync();
        Draft(factory, "maya", "Web spring sale");

        Assert.Equal(HttpStatusCode.Accepted, (await maya.SayAsync("submit Web spring sale")).StatusCode);

        var omarCard = await omarSees.UntilAsync(e => e.Summary.StartsWith("Approvals: Approval needed: Web spring sale", StringComparison.Ordinal), "the approval card");
        var adaCard = await adaSees.UntilAsync(e => e.Summary.StartsWith("Approvals: Approval needed: Web spring sale", StringComparison.Ordinal), "the approval card");
        Assert.Equal(omarCard.ElementId, adaCard.ElementId);
        Assert.Contains("<p class=\"context\">Approvals</p>", omarCard.Html, StringComparison.Ordinal);
        Assert.Contains("data-confirm-title=\"Approve this campaign?\"", omarCard.Html, StringComparison.Ordinal);
        Assert.Single(omarSees.Seen, e => e.Name == "chat" && e.Summary.Contains("Approval needed: Web spring sale", StringComparison.Ordinal));

        var campaignId = EventReader.ButtonValue(omarCard, ChatActions.Approve)!;
        Assert.Equal(HttpStatusCode.Accepted, (await omar.ClickAsync(ChatActions.Approve, campaignId, omarCard.ElementId)).StatusCode);

        await omarSees.UntilAsync(e => e.Summary == "You approved Web spring sale", "the approver's confirmation");
        var decided = await adaSees.UntilAsync(e => e.Op == "replace" && e.ElementId == omarCard.ElementId, "the card updated in place");
        Assert.Contains("Web spring sale: approved", decided.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(ChatActions.Approve, decided.Html, StringComparison.Ordinal);

        var told = await mayaSees.UntilAsync(e => e.Summary == "Your campaign Web spring sale was approved", "the decision told to the author");
        Assert.Contains("by Omar Approver", told.Html, StringComparison.Ordinal);
        var started = await mayaSees.UntilAsync(e => e.Summary.StartsWith("Run started:", StringComparison.Ordinal), "the run's start");
        Assert.Contains("<p class=\"context\">Reply to: Web spring sale was approved</p>", started.Html, StringComparison.Ordinal);
        await mayaSees.UntilAsync(e => e.Summary.Contains("Web spring sale", StringComparison.Ordinal) && e.Summary.Contains("completed", StringComparison.OrdinalIgnoreCase), "the run's finish");
        await omarSees.UntilAsync(e => e.Summary.StartsWith("Run started:", StringComparison.Ordinal), "the run's start in the approvals room");
        Assert.DoesNotContain(mayaSees.Seen, e => e.Name == "chat" && e.Summary.Contains("Approval needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_sees_her_own_campaign_in_the_approvals_room_and_is_refused_when_she_approves_it()
    {
        await using var factory = new CampaignBotFactory();
        using var ada = await ChatSession.SignInAsync(factory, "ada");
        await using var adaSees = await ada.EventsAsync();
        Draft(factory, "ada", "Admin autumn offer");

        await ada.SayAsync("submit Admin autumn offer");
        var card = await adaSees.UntilAsync(e => e.Summary.StartsWith("Approvals: Approval needed: Admin autumn offer", StringComparison.Ordinal), "the approval card");
        await ada.ClickAsync(ChatActions.Approve, EventReader.ButtonValue(card, ChatActions.Approve)!, card.ElementId);

        var refusal = await adaSees.UntilAsync(e => e.Html.Contains("four-eyes", StringComparison.Ordinal), "the refusal");
        Assert.Equal("append", refusal.Op);
        Assert.Contains("someone else must approve it", refusal.Html, StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.PendingApproval, Campaign(factory, "Admin autumn offer").Status);
        Assert.DoesNotContain(adaSees.Seen, e => e.Name == "chat" && e.Op == "replace" && e.ElementId == card.ElementId);
    }

    [Fact]
    public async Task The_on_call_person_is_not_in_the_approvals_room_and_an_approver_who_signs_in_later_finds_the_card_waiting()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?> { ["Users:People:5:Id"] = "olga", ["Users:People:5:Name"] = "Olga On-call", ["Users:People:5:Roles:0"] = "oncall" });
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        using var olga = await ChatSession.SignInAsync(factory, "olga");
        await using var olgaSees = await olga.EventsAsync();
        Draft(factory, "maya", "Quiet launch");

        await maya.SayAsync("submit Quiet launch");
        await EventStreamTestsWait(() => factory.Services.GetRequiredService<CampaignBot.Chat.Web.Streams.ChatStreams>().For("omar").Last > 0);
        using var omar = await ChatSession.SignInAsync(factory, "omar");
        await using var omarSees = await omar.EventsAsync();

        var waiting = await omarSees.UntilAsync(e => e.Summary.Contains("Approval needed: Quiet launch", StringComparison.Ordinal), "the card kept for omar");
        Assert.Contains("For you", waiting.Html, StringComparison.Ordinal);
        await olgaSees.UntilAsync(e => e.Summary == "CampaignBot commands", "olga's greeting");
        Assert.DoesNotContain(olgaSees.Seen, e => e.Name == "chat" && e.Summary.Contains("Approval needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wizard_step_with_a_mistake_answers_with_the_error_for_its_field_and_the_next_step_replaces_the_form()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        await using var mayaSees = await maya.EventsAsync();
        await maya.SayAsync("new");
        var basics = await mayaSees.UntilAsync(e => e.Kind == "form", "the first step");
        var form = EventReader.FormOf(basics);

        var wrong = await maya.SubmitAsync(basics.ElementId, form, new() { ["name"] = [""], ["type"] = ["one-time"], ["audience.include"] = [], ["audience.exclude"] = [] });
        var errors = (await wrong.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors");
        var right = await maya.SubmitAsync(basics.ElementId, form, new() { ["name"] = ["Typed in the browser"], ["type"] = ["one-time"], ["audience.include"] = ["Loyalty members"], ["audience.exclude"] = [] });
        var next = await mayaSees.UntilAsync(e => e.Op == "replace" && e.ElementId == basics.ElementId, "the next step in place of the first");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("audience.include", out _), errors.ToString());
        Assert.Empty((await right.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors").EnumerateObject());
        Assert.Contains("name=\"subAudiences[0].name\"", next.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_ahead_finds_segments_for_the_signed_in_person()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");

        var choices = await maya.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/chat/search?source=segments&q=loy");

        Assert.Equal(["Loyalty members"], choices.EnumerateArray().Select(c => c.GetProperty("value").GetString()));
    }

    private static void Draft(CampaignBotFactory factory, string author, string name)
    {
        var person = factory.Services.GetRequiredService<UserDirectory>().ById(author)!;
        var draft = new CampaignDraft
        {
            Name = name,
            Type = "one-time",
            Audience = new AudienceDraft { Include = ["Loyalty members"], Exclude = ["Email opt-outs"] },
            SubAudiences =
            [
                new SubAudienceDraft
                {
                    Name = "Everyone",
                    CatchAll = true,
                    ControlPercent = 10,
                    Groups = [new RecipientGroupDraft { Name = "Email", Percent = 90, Destinations = [new DestinationDraft { Destination = "outbox", Attributes = [new AttributeDraft { Name = "email" }] }] }],
                },
            ],
            Schedule = new ScheduleDraft { Launch = "asap" },
        };
        Assert.IsType<ServiceResult<CampaignView>.Ok>(factory.Services.GetRequiredService<CampaignService>().Create(draft, new Actor(person, ChatChannels.Web)));
    }

    private static CampaignView Campaign(CampaignBotFactory factory, string name)
    {
        var ada = new Actor(factory.Services.GetRequiredService<UserDirectory>().ById("ada")!, "test");
        var found = factory.Services.GetRequiredService<CampaignService>().Find(new CampaignQuery { Search = name }, ada);
        return found is ServiceResult<CampaignPage>.Ok { Value: var page } ? page.Items.Single() : throw new Xunit.Sdk.XunitException($"{name} is not there: {found}");
    }

    private static Task EventStreamTestsWait(Func<bool> condition) => Streams.EventStreamTests.WaitForAsync(condition);
}
