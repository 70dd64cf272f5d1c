using CampaignBot.Chat.Slack;
using CampaignBot.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Api.Tests.Conversations;

/// <summary>Talks to the real conversation core as a person would, and reads replies as text.</summary>
internal static class ChatTranscript
{
    public static ChatCaller Caller(this LifecycleHost host, string? person) =>
        new(person is null ? null : host.As(person) with { Channel = "slack" }, "slack", $"U-{person ?? "stranger"}", "C-general") { Style = SlackSetup.Style };

    public static Task<ChatReply> SayAsync(this LifecycleHost host, string? person, string text) =>
        host.Get<Conversation>().CommandAsync(host.Caller(person), text, CancellationToken.None);

    public static Task<ChatReply> ClickAsync(this LifecycleHost host, string person, string actionId, string value) =>
        host.Get<Conversation>().ActionAsync(host.Caller(person), actionId, value, CancellationToken.None);

    public static Task<ChatReply> SubmitAsync(this LifecycleHost host, string person, ChatForm form, params (string Field, string[] Values)[] answers) =>
        host.Get<Conversation>().SubmitAsync(
            host.Caller(person),
            new FormSubmission(form.FormId, form.State, answers.ToDictionary(a => a.Field, a => (IReadOnlyList<string>)a.Values)),
            CancellationToken.None);

    /// <summary>Clicks a button of an open form (Back, Remove), with the form's fields as they stand.</summary>
    public static Task<ChatReply> ClickInFormAsync(this LifecycleHost host, string person, ChatForm form, ChatButton button, params (string Field, string[] Values)[] answers) =>
        host.Get<Conversation>().FormActionAsync(
            host.Caller(person), button.ActionId, button.Value,
            new FormSubmission(form.FormId, form.State, answers.ToDictionary(a => a.Field, a => (IReadOnlyList<string>)a.Values)),
            CancellationToken.None);

    public static ChatMessage Message(this ChatReply reply) => reply switch
    {
        ChatReply.Say say => say.Message,
        ChatReply.Refuse refuse => refuse.Message,
        ChatReply.Replace replace => replace.Message,
        ChatReply.Close { Message: { } message } => message,
        _ => throw new Xunit.Sdk.XunitException($"Expected a message, got {reply.GetType().Name}."),
    };

    public static ChatForm Form(this ChatReply reply) => reply switch
    {
        ChatReply.Open open => open.Form,
        ChatReply.Next next => next.Form,
        _ => throw new Xunit.Sdk.XunitException($"Expected a form, got {reply.GetType().Name}: {(reply is ChatReply.FieldErrors e ? string.Join("; ", e.Errors) : "")}"),
    };

    /// <summary>Everything a person would read in the message, one part per line.</summary>
    public static string Text(this ChatMessage message) => string.Join('\n', message.Blocks.SelectMany(Texts));

    public static IReadOnlyList<ChatButton> Buttons(this ChatMessage message) =>
        [.. message.Blocks.OfType<ActionRow>().SelectMany(r => r.Buttons)];

    private static IEnumerable<string> Texts(ChatBlock block) => block switch
    {
        Heading h => [h.Text],
        Paragraph p => [p.Text],
        FactList f => f.Facts.Select(x => $"{x.Label}: {x.Value}"),
        BulletList b => b.Items,
        Notice n => [n.Text],
        Footnote f => [f.Text],
        ActionRow a => a.Buttons.Select(b => $"[{b.Label}]"),
        _ => [],
    };
}
