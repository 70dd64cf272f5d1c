using System.Collections.Concurrent;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Replies;

/// <summary>
/// The forms recently shown as cards, by form id and state. The core answers a refused submission with its errors
/// only; Teams has no form of its own to show them on, so the card is drawn again from the form it came from.
/// Kept in memory: after a restart an error is shown as an invoke error instead, and the card stays as it was.
/// </summary>
public sealed class TeamsForms
{
    /// <summary>Far more forms than people fill in at once; the oldest go first past it.</summary>
    public const int Capacity = 2_000;

    private readonly ConcurrentDictionary<string, (ChatForm Form, long Order)> _forms = new(StringComparer.Ordinal);
    private long _order;

    public void Shown(ChatForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        _forms[Key(form.FormId, form.State)] = (form, Interlocked.Increment(ref _order));
        if (_forms.Count > Capacity)
        {
            foreach (var old in _forms.OrderBy(f => f.Value.Order).Take(_forms.Count - Capacity).ToList())
            {
                _forms.TryRemove(old.Key, out _);
            }
        }
    }

    public ChatForm? Find(FormSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return _forms.TryGetValue(Key(submission.FormId, submission.State), out var shown) ? shown.Form : null;
    }

    private static string Key(string formId, string state) => $"{formId}\u001f{state}";
}
