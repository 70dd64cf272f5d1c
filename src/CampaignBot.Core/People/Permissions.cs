using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Core.People;

/// <summary>
/// Who may do what: the one place roles are checked. Every application service asks it before looking anything
/// up, and every view that offers buttons asks it too, so the buttons shown and the checks enforced agree.
/// The roles table in docs/api.md states the same rules for people.
/// </summary>
public static class Permissions
{
    private const string FourEyes = "You wrote this campaign; someone else must approve it (four-eyes).";

    /// <summary>
    /// Whether <paramref name="person"/>'s roles allow <paramref name="operation"/>. For
    /// <see cref="Operation.DecideApprovals"/>, <paramref name="authorId"/> names the campaign's author, who may not decide
    /// on it (four-eyes, admins included); without it only the role is checked, as before the campaign is looked up.
    /// </summary>
    public static PermissionCheck Check(Person person, Operation operation, string? authorId = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        return operation switch
        {
            Operation.ReadCampaigns or Operation.PreviewCampaigns or Operation.ExplainCampaigns => Reading(person, "campaigns"),
            Operation.ReadCampaignHistory => Reading(person, "campaign history"),
            Operation.ReadSegments => Reading(person, "segments"),
            Operation.ReadDestinations => Reading(person, "destinations"),
            Operation.ReadRuns => Reading(person, "runs"),
            Operation.ReadAlerts => Reading(person, "alerts"),
            Operation.CreateCampaigns => Needs(person, Role.Marketer, "create campaigns"),
            Operation.EditCampaigns => Needs(person, Role.Marketer, "edit campaigns"),
            Operation.DeleteCampaigns => Needs(person, Role.Marketer, "delete campaigns"),
            Operation.SubmitCampaigns => Needs(person, Role.Marketer, "submit campaigns"),
            Operation.PauseCampaigns => Needs(person, Role.Marketer, "pause campaigns"),
            Operation.ResumeCampaigns => Needs(person, Role.Marketer, "resume campaigns"),
            Operation.CancelCampaigns => Needs(person, Role.Marketer, "cancel campaigns"),
            Operation.CreateSegments => Needs(person, Role.Marketer, "create segments"),
            Operation.DecideApprovals => Deciding(person, authorId),
            // Marketers retry their campaigns' runs; on-call staff retry whatever they were alerted about.
            Operation.RetryDeliveries => Either(person, Role.Marketer, Role.OnCall, "retry deliveries"),
            Operation.AcknowledgeAlerts => Either(person, Role.OnCall, Role.Marketer, "acknowledge alerts"),
            Operation.MuteAlerts => Either(person, Role.OnCall, Role.Marketer, "mute alerts"),
            Operation.ImportCustomers => Needs(person, Role.Admin, "import customer data"),
            // Events are customer data arriving from another system; the key that sends them is an admin's, as for imports.
            Operation.SendEvents => Needs(person, Role.Admin, "send customer events"),
            Operation.ReadSeedLists => Reading(person, "seed lists"),
            Operation.ManageSeedLists => Needs(person, Role.Marketer, "change seed lists"),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    /// <summary>Whether <paramref name="person"/> may do <paramref name="operation"/>; see <see cref="Check"/>.</summary>
    public static bool Allows(Person person, Operation operation, string? authorId = null) => Check(person, operation, authorId).IsAllowed;

    /// <summary>What a person asks for when they take a lifecycle step; the scheduler's own steps are nobody's to ask.</summary>
    public static Operation OperationOf(CampaignAction action) => action switch
    {
        CampaignAction.Edit => Operation.EditCampaigns,
        CampaignAction.Delete => Operation.DeleteCampaigns,
        CampaignAction.Submit => Operation.SubmitCampaigns,
        CampaignAction.Approve or CampaignAction.Reject => Operation.DecideApprovals,
        CampaignAction.Pause => Operation.PauseCampaigns,
        CampaignAction.Resume => Operation.ResumeCampaigns,
        CampaignAction.Cancel => Operation.CancelCampaigns,
        CampaignAction.Retry => Operation.RetryDeliveries,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only the scheduler takes this step."),
    };

    /// <summary>Whether <paramref name="person"/> holds <paramref name="role"/>; admins hold every role. For who sits in a role's room, not for what they may do.</summary>
    public static bool Holds(Person person, Role role) => (person.Roles & Role.Admin) != 0 || (person.Roles & role) == role;

    // Every role reads; someone listed without a role reads nothing.
    private static PermissionCheck Reading(Person person, string what) =>
        person.Roles != Role.None ? PermissionCheck.Allowed : PermissionCheck.Refuse($"{person.Name} holds no role that may read {what}.");

    private static PermissionCheck Needs(Person person, Role role, string what) =>
        Holds(person, role) ? PermissionCheck.Allowed : PermissionCheck.Refuse($"{person.Name} does not hold the {Word(role)} role needed to {what}.");

    private static PermissionCheck Either(Person person, Role first, Role second, string what) =>
        Holds(person, first) || Holds(person, second)
            ? PermissionCheck.Allowed
            : PermissionCheck.Refuse($"{person.Name} holds neither the {Word(first)} nor the {Word(second)} role needed to {what}.");

    private static PermissionCheck Deciding(Person person, string? authorId)
    {
        if (!Holds(person, Role.Approver))
        {
            return PermissionCheck.Refuse($"{person.Name} does not hold the approver role.");
        }

        // Four-eyes holds for admins too; an author who wants to stop their campaign withdraws it instead.
        return authorId is not null && Person.IdComparer.Equals(person.Id, authorId) ? PermissionCheck.Refuse(FourEyes) : PermissionCheck.Allowed;
    }

    private static string Word(Role role) => role.ToString().ToLowerInvariant();
}
