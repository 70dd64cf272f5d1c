using System.Globalization;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using LiteDB;

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
/// Wizards in progress, kept in the LiteDB file for a day of inactivity, so a restart does not lose them: a form
/// carries only the session id and its step (<see cref="WizardSession.FormState"/>), whatever the channel.
/// </summary>
public sealed class WizardSessions(AppDatabase database, TimeProvider clock)
{
    private static readonly TimeSpan Idle = TimeSpan.FromDays(1);

    private ILiteCollection<WizardSessionRecord> Sessions => database.Collection<WizardSessionRecord>("wizard_sessions");

    public WizardSession Start(string personId, string conversation)
    {
        var now = clock.GetUtcNow();
        var session = new WizardSession(Guid.NewGuid().ToString("N"), personId, conversation, new CampaignDraft(), new WizardStep(WizardStage.Basics), now);
        database.Write(() =>
        {
            var stale = (now - Idle).UtcTicks;
            Sessions.DeleteMany(r => r.TouchedAtTicks < stale);
            Sessions.Insert(WizardSessionRecord.Of(session));
        });
        return session;
    }

    /// <summary>The session, only for the person who started it and only while it is fresh.</summary>
    public WizardSession? Find(string id, string personId) =>
        Sessions.FindById(id) is { } record && record.PersonId == personId && clock.GetUtcNow().UtcTicks - record.TouchedAtTicks < Idle.Ticks ? record.ToSession() : null;

    public void Save(WizardSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        database.Write(() => Sessions.Upsert(WizardSessionRecord.Of(session with { TouchedAt = clock.GetUtcNow() })));
    }

    public void End(string id) => database.Write(() => Sessions.Delete(id));
}

/// <summary>A wizard session as stored: the draft as JSON, as campaigns keep theirs.</summary>
public sealed class WizardSessionRecord
{
    public string Id { get; set; } = "";

    public string PersonId { get; set; } = "";

    public string Conversation { get; set; } = "";

    public string DraftJson { get; set; } = "{}";

    public WizardStage Stage { get; set; }

    public int SubAudience { get; set; }

    public int GroupCount { get; set; } = 1;

    public bool AnotherSubAudience { get; set; }

    /// <summary>UTC ticks, which LiteDB compares in queries as it cannot a DateTimeOffset.</summary>
    public long TouchedAtTicks { get; set; }

    public static WizardSessionRecord Of(WizardSession session) => new()
    {
        Id = session.Id,
        PersonId = session.PersonId,
        Conversation = session.Conversation,
        DraftJson = CampaignResolver.WriteDraft(session.Draft),
        Stage = session.Step.Stage,
        SubAudience = session.Step.SubAudience,
        GroupCount = session.GroupCount,
        AnotherSubAudience = session.AnotherSubAudience,
        TouchedAtTicks = session.TouchedAt.UtcTicks,
    };

    public WizardSession ToSession() =>
        new(Id, PersonId, Conversation, CampaignResolver.ReadDraft(DraftJson), new WizardStep(Stage, SubAudience), new DateTimeOffset(TouchedAtTicks, TimeSpan.Zero))
        {
            GroupCount = GroupCount,
            AnotherSubAudience = AnotherSubAudience,
        };
}
