using CampaignBot.App.Application;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Cards;

/// <summary>A service's refusal in words, the same reasons the API gives as problems.</summary>
public static class ResultMessages
{
    public static ChatMessage Failure<T>(ServiceResult<T> result) => result switch
    {
        ServiceResult<T>.Invalid invalid => new ChatMessage(
            "That needs fixing first",
            [
                new Notice("That needs fixing first:", Tone.Error),
                new BulletList([.. invalid.Problems.Where(p => p.IsError).Select(p => $"{p.Path}: {p.Message}")]),
            ]),
        ServiceResult<T>.NotFound notFound => Refusal(notFound.Message),
        ServiceResult<T>.Forbidden forbidden => Refusal($"Not allowed: {forbidden.Message}"),
        ServiceResult<T>.Conflict conflict => Refusal(conflict.Message),
        ServiceResult<T>.Stale stale => Refusal(stale.Message),
        _ => throw new ArgumentException("Only failures have a failure message.", nameof(result)),
    };

    /// <summary>The value on success, or the refusal as a private reply.</summary>
    public static ChatReply Reply<T>(ServiceResult<T> result, Func<T, ChatMessage> render) =>
        result is ServiceResult<T>.Ok ok ? new ChatReply.Say(render(ok.Value)) : new ChatReply.Refuse(Failure(result));

    public static ChatMessage Refusal(string message) => new(message, [new Notice(message, Tone.Error)]);

    public static ChatMessage Unknown() => Refusal("You are not set up in CampaignBot yet, so you can read help but not act. Ask an admin to add you.");

    public static ChatMessage Unexpected() =>
        Refusal("Something went wrong on our side and nothing was changed. Please try again; if it keeps failing, tell the CampaignBot team.");
}
