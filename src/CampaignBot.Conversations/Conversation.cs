using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations;

/// <summary>
/// The conversation core every chat channel calls: dispatch tables keyed by command verb, action id, form id
/// and search source. Channels only parse what arrived into these calls and render the replies.
/// </summary>
public sealed partial class Conversation
{
    private readonly IReadOnlyList<IChatCommand> _commands;
    private readonly Dictionary<string, IChatAction> _actions;
    private readonly Dictionary<string, IChatFormAction> _formActions;
    private readonly Dictionary<string, IChatForm> _forms;
    private readonly Dictionary<string, IChatSearch> _searches;
    private readonly ILogger<Conversation> _logger;

    public Conversation(
        IEnumerable<IChatCommand> commands, IEnumerable<IChatAction> actions, IEnumerable<IChatFormAction> formActions, IEnumerable<IChatForm> forms,
        IEnumerable<IChatSearch> searches, ILogger<Conversation> logger)
    {
        // Longest verb first, so "segment new" wins over "segments" and "segment".
        _commands = commands.OrderByDescending(c => c.Verb.Length).ToList();
        _actions = actions.ToDictionary(a => a.ActionId, StringComparer.Ordinal);
        _formActions = formActions.ToDictionary(a => a.ActionId, StringComparer.Ordinal);
        _forms = forms.ToDictionary(f => f.FormId, StringComparer.Ordinal);
        _searches = searches.ToDictionary(s => s.Source, StringComparer.Ordinal);
        _logger = logger;
    }

    /// <summary>Every command in help order.</summary>
    public IEnumerable<IChatCommand> Commands => _commands.OrderBy(c => c.Verb, StringComparer.Ordinal);

    /// <summary>Whether the command's answer may be a form: channels hurry those, since a form must open within moments.</summary>
    public bool CommandAnswersWithForm(string commandText)
    {
        var typed = (commandText ?? "").Trim();
        return _commands.FirstOrDefault(c => StartsWithVerb(typed, c.Verb)) is { AnswersWithForm: true };
    }

    /// <summary>Whether the button's answer may be a form.</summary>
    public bool ActionAnswersWithForm(string actionId) =>
        _formActions.ContainsKey(actionId) || (_actions.TryGetValue(actionId, out var action) && action.AnswersWithForm);

    /// <summary>Command text as typed after the slash command or the bot's mention, e.g. "show Spring sale".</summary>
    public async Task<ChatReply> CommandAsync(ChatCaller caller, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var typed = (text ?? "").Trim();
        if (typed.Length == 0 || typed.Equals("help", StringComparison.OrdinalIgnoreCase))
        {
            return new ChatReply.Say(HelpCard.For(Commands, caller.Actor is not null, unknown: null, caller.Style));
        }

        if (caller.Actor is null)
        {
            return new ChatReply.Refuse(HelpCard.For(Commands, knownPerson: false, unknown: null, caller.Style));
        }

        var command = _commands.FirstOrDefault(c => StartsWithVerb(typed, c.Verb));
        if (command is null)
        {
            return new ChatReply.Refuse(HelpCard.For(Commands, knownPerson: true, unknown: typed, caller.Style));
        }

        var arguments = typed[command.Verb.Length..].Trim();
        return await GuardAsync(caller, $"command {command.Verb}", () => command.RunAsync(caller, arguments, cancellationToken));
    }

    public async Task<ChatReply> ActionAsync(ChatCaller caller, string actionId, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Actor is null)
        {
            return new ChatReply.Refuse(ResultMessages.Unknown());
        }

        if (!_actions.TryGetValue(actionId, out var action))
        {
            // An old message's button whose action no longer exists: say so rather than do nothing.
            return new ChatReply.Refuse(ResultMessages.Refusal($"That button is from an older version of CampaignBot and does nothing now. Type {caller.Style.Command("help")} to see what you can do."));
        }

        return await GuardAsync(caller, $"action {actionId}", () => action.RunAsync(caller, value, cancellationToken));
    }

    /// <summary>A button clicked inside an open form; <paramref name="form"/> holds the form's values as they stand.</summary>
    public async Task<ChatReply> FormActionAsync(ChatCaller caller, string actionId, string value, FormSubmission form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        if (caller.Actor is null || !_formActions.TryGetValue(actionId, out var action))
        {
            // A message's button placed in a form acts as it does anywhere else.
            return await ActionAsync(caller, actionId, value, cancellationToken);
        }

        return await GuardAsync(caller, $"form action {actionId}", () => action.RunAsync(caller, value, form, cancellationToken));
    }

    public async Task<ChatReply> SubmitAsync(ChatCaller caller, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(submission);
        if (caller.Actor is null)
        {
            return new ChatReply.Close(ResultMessages.Unknown());
        }

        if (!_forms.TryGetValue(submission.FormId, out var form))
        {
            return new ChatReply.Close(ChatMessage.Plain("That form is from an older version of CampaignBot; please start again."));
        }

        return await GuardAsync(caller, $"form {submission.FormId}", () => form.SubmitAsync(caller, submission, cancellationToken));
    }

    /// <summary>Matches for a long choice list as the person types; nothing for unknown people or sources.</summary>
    public IReadOnlyList<Choice> Search(ChatCaller caller, string source, string query)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Actor is not null && _searches.TryGetValue(source, out var search) ? search.Search(caller, query ?? "") : [];
    }

    private static bool StartsWithVerb(string text, string verb) =>
        text.StartsWith(verb, StringComparison.OrdinalIgnoreCase) && (text.Length == verb.Length || char.IsWhiteSpace(text[verb.Length]));

    private async Task<ChatReply> GuardAsync(ChatCaller caller, string what, Func<Task<ChatReply>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, what, caller.Actor?.Person.Id);
            return new ChatReply.Refuse(ResultMessages.Unexpected());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat {What} failed for {Person}")]
    private partial void LogFailed(Exception error, string what, string? person);
}
