using System.Collections.Concurrent;
using System.Globalization;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Conversations.Wizard;

/// <summary>Where a person is in the new-campaign wizard: the draft so far and the step showing.</summary>
public sealed record WizardSession(string Id, string PersonId, string Conversation, CampaignDraft Draft, WizardStep Step, DateTimeOffset TouchedAt)
{
    /// <summary>How many recipient groups the current sub-audience asked for (set on its first step).</summary>
    public int GroupCount { get; init; } = 1;

    /// <summary>Whether another sub-audience follows the current one.</summary>
    public bool AnotherSubAudience { get; init; }

    /// <summary>
    /// What the form showing this step carries back: the session and the step, so answers from a form that is no
    /// longer the current step (a second click that raced the first) are recognised and not applied to another step.
    /// </summary>
    public string FormState => string.Create(CultureInfo.InvariantCulture, $"{Id}:{(int)Step.Stage}:{Step.SubAudience}");

    /// <summary>The session id in a form's state.</summary>
    public static string IdOf(string formState) => (formState ?? "").Split(':')[0];
}

/// <param name="SubAudience">The sub-audience being built, for the steps that build one.</param>
public sealed record WizardStep(WizardStage Stage, int SubAudience = 0);

public enum WizardStage
{
    Basics,
    SubAudience,
    Groups,
    Attributes,
    Schedule,
    Review,
}

/// <summary>
/// Wizards in progress, kept in memory for an hour of inactivity: the modal carries only the session id
/// (Slack keeps at most 3,000 characters of form state). A restart asks people to start again.
/// </summary>
public sealed class WizardSessions(TimeProvider clock)
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, WizardSession> _sessions = new(StringComparer.Ordinal);

    public WizardSession Start(string personId, string conversation)
    {
        Sweep();
        var session = new WizardSession(Guid.NewGuid().ToString("N"), personId, conversation, new CampaignDraft(), new WizardStep(WizardStage.Basics), clock.GetUtcNow());
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session, only for the person who started it and only while it is fresh.</summary>
    public WizardSession? Find(string id, string personId) =>
        _sessions.TryGetValue(id, out var session) && session.PersonId == personId && clock.GetUtcNow() - session.TouchedAt < Idle ? session : null;

    public void Save(WizardSession session) => _sessions[session.Id] = session with { TouchedAt = clock.GetUtcNow() };

    public void End(string id) => _sessions.TryRemove(id, out _);

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var stale in _sessions.Values.Where(s => now - s.TouchedAt >= Idle))
        {
            _sessions.TryRemove(stale.Id, out _);
        }
    }
}
