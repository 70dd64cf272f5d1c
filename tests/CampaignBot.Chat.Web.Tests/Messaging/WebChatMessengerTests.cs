using CampaignBot.App.Users;
using CampaignBot.Chat.Web.Sessions;
using CampaignBot.Chat.Web.Streams;
using CampaignBot.Conversations.Messages;
using CampaignBot.Conversations.Notices;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Web.Tests.Messaging;

public sealed class WebChatMessengerTests
{
    private static readonly ChatMessage Alert = new("Delivery failing: Spring sale to klaviyo-main", [
        new Heading("Delivery failing: Spring sale"),
        new ActionRow([
            new ChatButton("alert.retry", "Retry", "a1", ButtonStyle.Primary),
            new ChatButton("alert.acknowledge", "Acknowledge", "a1"),
            new ChatButton("alert.mute", "Mute 4 h", "a1:4"),
        ]),
    ]);

    private readonly ChatStreams _streams = new();
    private readonly WebChatSessions _sessions = new(TimeProvider.System);
    private readonly WebChatMessenger _messenger;

    public WebChatMessengerTests()
    {
        var people = new UsersOptions
        {
            People =
            [
                new UserSettings { Id = "maya", Name = "Maya Marketer", Roles = ["marketer"] },
                new UserSettings { Id = "omar", Name = "Omar Approver", Roles = ["approver"] },
                new UserSettings { Id = "ada", Name = "Ada Admin", Roles = ["admin"] },
                new UserSettings { Id = "olga", Name = "Olga On-call", Roles = ["oncall"] },
            ],
        };
        var availability = new WebChatAvailability(Options.Create(new WebChatOptions()), new Development());
        _messenger = new WebChatMessenger(_streams, _sessions, new UserDirectory(people, new ApiKeysOptions()), availability);
    }

    [Fact]
    public async Task An_alert_goes_to_signed_in_on_call_people_and_admins_with_retry_acknowledge_and_mute()
    {
        SignIn("maya", "omar", "ada", "olga");

        var posted = await _messenger.PostAsync(new NoticePlace.Room(NoticeRoom.Alerts), Alert, CancellationToken.None);

        Assert.Equal("room:alerts", posted!.Conversation);
        Assert.Equal(["ada", "olga"], Holders(posted.MessageId));
        var html = Entries("olga").Single().Html;
        Assert.Contains("<p class=\"context\">Alerts</p>", html, StringComparison.Ordinal);
        Assert.Contains("data-action=\"alert.retry\"", html, StringComparison.Ordinal);
        Assert.Contains("data-action=\"alert.acknowledge\"", html, StringComparison.Ordinal);
        Assert.Contains("data-action=\"alert.mute\" data-value=\"a1:4\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_signed_in_people_are_in_a_room_but_a_room_copy_is_kept_for_replies()
    {
        SignIn("maya");

        var posted = await _messenger.PostAsync(new NoticePlace.Room(NoticeRoom.Approvals), ChatMessage.Plain("Approval needed: Spring sale"), CancellationToken.None);
        await _messenger.ReplyAsync(posted!, ChatMessage.Plain("Run started"), [], false, ["maya"], CancellationToken.None);

        Assert.Empty(Holders(posted!.MessageId));
        Assert.Equal(["Run started"], Entries("maya").Select(e => e.Summary));
        Assert.Contains("<p class=\"context\">Reply to: Approval needed: Spring sale</p>", Entries("maya").Single().Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_who_got_the_room_copy_gets_no_second_private_copy_of_the_same_notice()
    {
        SignIn("omar");
        var card = ChatMessage.Plain("Approval needed: Spring sale");

        var room = await _messenger.PostAsync(new NoticePlace.Room(NoticeRoom.Approvals), card, CancellationToken.None);
        var omar = await _messenger.PostAsync(new NoticePlace.Person("omar"), card, CancellationToken.None);
        var ada = await _messenger.PostAsync(new NoticePlace.Person("ada"), card, CancellationToken.None);

        Assert.NotNull(room);
        Assert.Null(omar);
        Assert.Equal("person:ada", ada!.Conversation);
        Assert.Single(Entries("omar"));
        Assert.Contains("<p class=\"context\">For you</p>", Entries("ada").Single().Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_replaces_the_card_for_everyone_who_got_it_under_the_same_id()
    {
        SignIn("omar", "ada");
        var posted = await _messenger.PostAsync(new NoticePlace.Room(NoticeRoom.Approvals), ChatMessage.Plain("Approval needed: Spring sale"), CancellationToken.None);
        SignIn("olga");

        await _messenger.UpdateAsync(posted!, ChatMessage.Plain("Spring sale was approved"), CancellationToken.None);

        foreach (var person in new[] { "omar", "ada" })
        {
            var update = Entries(person).Last();
            Assert.Equal((StreamItem.Replace, posted!.MessageId), (update.Op, update.Id));
            Assert.Contains("Spring sale was approved", update.Html, StringComparison.Ordinal);
        }

        Assert.Empty(Entries("olga"));
    }

    [Fact]
    public async Task A_reply_reaches_the_cards_readers_the_people_mentioned_and_the_followers_once_each()
    {
        SignIn("ada", "olga");
        var posted = await _messenger.PostAsync(new NoticePlace.Room(NoticeRoom.Alerts), Alert, CancellationToken.None);

        await _messenger.ReplyAsync(posted!, ChatMessage.Plain("Escalated"), ["maya", "ada", "nobody"], true, ["olga"], CancellationToken.None);

        Assert.Equal(["Escalated"], Entries("maya").Select(e => e.Summary));
        Assert.Equal(["Escalated"], Entries("ada").Skip(1).Select(e => e.Summary));
        Assert.Equal(["Escalated"], Entries("olga").Skip(1).Select(e => e.Summary));
        Assert.Empty(Entries("nobody"));
    }

    [Fact]
    public async Task Telling_a_person_reaches_their_stream_signed_in_or_not_and_an_unknown_person_is_not_here()
    {
        Assert.True(await _messenger.TellAsync("maya", ChatMessage.Plain("Your campaign was approved"), CancellationToken.None));
        Assert.False(await _messenger.TellAsync("stranger", ChatMessage.Plain("hello"), CancellationToken.None));

        Assert.Equal(["Your campaign was approved"], Entries("maya").Select(e => e.Summary));
        Assert.Null(await _messenger.PostAsync(new NoticePlace.Person("stranger"), ChatMessage.Plain("x"), CancellationToken.None));
    }

    private void SignIn(params string[] people)
    {
        foreach (var person in people)
        {
            _sessions.Start(person);
        }
    }

    private List<StreamItem> Entries(string person) => [.. _streams.For(person).After(0).Entries.Select(e => e.Item)];

    private IEnumerable<string> Holders(string messageId) =>
        new[] { "maya", "omar", "ada", "olga" }.Where(p => Entries(p).Any(e => e.Id == messageId));

    private sealed class Development : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "CampaignBot.Api";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
