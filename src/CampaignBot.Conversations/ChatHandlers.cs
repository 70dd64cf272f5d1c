using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations;

/// <summary>A command verb ("list", "show"). Registered in DI and found by <see cref="Verb"/>.</summary>
public interface IChatCommand
{
    /// <summary>The first word(s) of the command text; "segment new" is two words.</summary>
    string Verb { get; }

    /// <summary>"show &lt;campaign name&gt;", for help.</summary>
    string Usage { get; }

    string Description { get; }

    /// <summary>True when the answer may be a form, which a channel must open at once (its grant to open one lives seconds).</summary>
    bool AnswersWithForm => false;

    Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken);
}

/// <summary>A button or menu in a message; found by <see cref="ActionId"/>.</summary>
public interface IChatAction
{
    string ActionId { get; }

    /// <summary>True when the answer may be a form, which a channel must open at once (its grant to open one lives seconds).</summary>
    bool AnswersWithForm => false;

    Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken);
}

/// <summary>
/// A button inside an open form (Back, Remove); found by <see cref="ActionId"/>. It gets the form's values as they
/// stand, unsubmitted and unchecked, and answers with the form's next look (<see cref="ChatReply.Next"/>).
/// </summary>
public interface IChatFormAction
{
    string ActionId { get; }

    Task<ChatReply> RunAsync(ChatCaller caller, string value, FormSubmission form, CancellationToken cancellationToken);
}

/// <summary>A form's submission; found by <see cref="FormId"/>.</summary>
public interface IChatForm
{
    string FormId { get; }

    Task<ChatReply> SubmitAsync(ChatCaller caller, FormSubmission submission, CancellationToken cancellationToken);
}

/// <summary>Type-ahead search for a choice list too long to show whole; found by <see cref="Source"/>.</summary>
public interface IChatSearch
{
    string Source { get; }

    IReadOnlyList<Choice> Search(ChatCaller caller, string query);
}
