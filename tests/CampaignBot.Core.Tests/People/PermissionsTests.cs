using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.People;

namespace CampaignBot.Core.Tests.People;

public sealed class PermissionsTests
{
    // The columns of the roles table in docs/api.md, in its order, and the one person holding exactly that role.
    private static readonly (string Column, Person Person)[] Columns =
    [
        ("viewer", new("vic", "Vic Viewer", Role.Viewer)),
        ("marketer", new("maya", "Maya Marketer", Role.Marketer)),
        ("approver", new("omar", "Omar Approver", Role.Approver)),
        ("oncall", new("olga", "Olga On-call", Role.OnCall)),
        ("admin", new("ada", "Ada Admin", Role.Admin)),
        ("no role", new("nora", "Nora No-role", Role.None)),
    ];

    // Every operation, the row of docs/api.md's roles table it belongs to, and who may: viewer, marketer, approver, oncall, admin, no role.
    private static readonly Dictionary<Operation, (string Row, string Who)> Table = new()
    {
        [Operation.ReadCampaigns] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.PreviewCampaigns] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.ExplainCampaigns] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.ReadCampaignHistory] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.ReadSegments] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.ReadDestinations] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.ReadRuns] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.ReadAlerts] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.CreateCampaigns] = ("create, edit and delete campaigns", "no yes no no yes no"),
        [Operation.EditCampaigns] = ("create, edit and delete campaigns", "no yes no no yes no"),
        [Operation.DeleteCampaigns] = ("create, edit and delete campaigns", "no yes no no yes no"),
        [Operation.SubmitCampaigns] = ("submit, pause, resume and cancel campaigns", "no yes no no yes no"),
        [Operation.PauseCampaigns] = ("submit, pause, resume and cancel campaigns", "no yes no no yes no"),
        [Operation.ResumeCampaigns] = ("submit, pause, resume and cancel campaigns", "no yes no no yes no"),
        [Operation.CancelCampaigns] = ("submit, pause, resume and cancel campaigns", "no yes no no yes no"),
        [Operation.CreateSegments] = ("create segments", "no yes no no yes no"),
        [Operation.DecideApprovals] = ("approve or reject", "no no yes no yes no"),
        [Operation.RetryDeliveries] = ("retry failed deliveries", "no yes no yes yes no"),
        [Operation.AcknowledgeAlerts] = ("retry failed deliveries", "no yes no yes yes no"),
        [Operation.MuteAlerts] = ("retry failed deliveries", "no yes no yes yes no"),
        [Operation.ImportCustomers] = ("import customer data", "no no no no yes no"),
        [Operation.SendEvents] = ("send customer events", "no no no no yes no"),
        [Operation.ReadSeedLists] = ("read campaigns", "yes yes yes yes yes no"),
        [Operation.ManageSeedLists] = ("create, edit and delete seed lists", "no yes no no yes no"),
    };

    public static TheoryData<Operation, string, bool> EveryOperationByEveryRole()
    {
        var data = new TheoryData<Operation, string, bool>();
        foreach (var (operation, (_, who)) in Table)
        {
            var answers = who.Split(' ');
            for (var i = 0; i < Columns.Length; i++)
            {
                data.Add(operation, Columns[i].Column, answers[i] == "yes");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOperationByEveryRole))]
    public void Each_role_may_do_what_the_roles_table_says(Operation operation, string role, bool allowed)
    {
        var person = Columns.Single(c => c.Column == role).Person;

        var check = Permissions.Check(person, operation, authorId: "someone-else");

        Assert.Equal(allowed, check.IsAllowed);
        Assert.Equal(allowed, check.Refusal is null);
        Assert.Equal(allowed, Permissions.Allows(person, operation, authorId: "someone-else"));
    }

    [Fact]
    public void Every_operation_is_in_the_table()
    {
        Assert.Equal(Enum.GetValues<Operation>().Order(), Table.Keys.Order());
    }

    [Fact]
    public void The_table_here_is_the_roles_table_in_the_api_docs()
    {
        var documented = DocumentedRoles();

        Assert.Equal(["what", .. Columns.Select(c => c.Column)], documented.Columns);
        Assert.Equal(documented.Rows.Keys.Order(), Table.Values.Select(v => documented.Rows.Keys.Single(row => row.StartsWith(v.Row, StringComparison.Ordinal))).Distinct().Order());
        foreach (var (operation, (row, who)) in Table)
        {
            var cells = documented.Rows[documented.Rows.Keys.Single(r => r.StartsWith(row, StringComparison.Ordinal))];
            Assert.True(who == string.Join(' ', cells), $"{operation}: here \"{who}\", docs/api.md \"{string.Join(' ', cells)}\" for \"{row}…\"");
        }
    }

    [Fact]
    public void Roles_add_up()
    {
        var both = new Person("ben", "Ben", Role.Marketer | Role.Approver);

        Assert.True(Permissions.Allows(both, Operation.CreateCampaigns));
        Assert.True(Permissions.Allows(both, Operation.DecideApprovals, authorId: "maya"));
        Assert.False(Permissions.Allows(both, Operation.DecideApprovals, authorId: "ben"));
    }

    [Theory]
    [InlineData(Operation.ReadCampaigns, "Nora No-role holds no role that may read campaigns.")]
    [InlineData(Operation.PreviewCampaigns, "Nora No-role holds no role that may read campaigns.")]
    [InlineData(Operation.ExplainCampaigns, "Nora No-role holds no role that may read campaigns.")]
    [InlineData(Operation.ReadCampaignHistory, "Nora No-role holds no role that may read campaign history.")]
    [InlineData(Operation.ReadSegments, "Nora No-role holds no role that may read segments.")]
    [InlineData(Operation.ReadDestinations, "Nora No-role holds no role that may read destinations.")]
    [InlineData(Operation.ReadRuns, "Nora No-role holds no role that may read runs.")]
    [InlineData(Operation.ReadAlerts, "Nora No-role holds no role that may read alerts.")]
    [InlineData(Operation.CreateCampaigns, "Nora No-role does not hold the marketer role needed to create campaigns.")]
    [InlineData(Operation.EditCampaigns, "Nora No-role does not hold the marketer role needed to edit campaigns.")]
    [InlineData(Operation.DeleteCampaigns, "Nora No-role does not hold the marketer role needed to delete campaigns.")]
    [InlineData(Operation.SubmitCampaigns, "Nora No-role does not hold the marketer role needed to submit campaigns.")]
    [InlineData(Operation.PauseCampaigns, "Nora No-role does not hold the marketer role needed to pause campaigns.")]
    [InlineData(Operation.ResumeCampaigns, "Nora No-role does not hold the marketer role needed to resume campaigns.")]
    [InlineData(Operation.CancelCampaigns, "Nora No-role does not hold the marketer role needed to cancel campaigns.")]
    [InlineData(Operation.CreateSegments, "Nora No-role does not hold the marketer role needed to create segments.")]
    [InlineData(Operation.DecideApprovals, "Nora No-role does not hold the approver role.")]
    [InlineData(Operation.RetryDeliveries, "Nora No-role holds neither the marketer nor the oncall role needed to retry deliveries.")]
    [InlineData(Operation.AcknowledgeAlerts, "Nora No-role holds neither the oncall nor the marketer role needed to acknowledge alerts.")]
    [InlineData(Operation.MuteAlerts, "Nora No-role holds neither the oncall nor the marketer role needed to mute alerts.")]
    [InlineData(Operation.ImportCustomers, "Nora No-role does not hold the admin role needed to import customer data.")]
    public void A_refusal_names_the_person_and_the_role_they_lack(Operation operation, string refusal)
    {
        var nora = Columns.Single(c => c.Column == "no role").Person;

        Assert.Equal(refusal, Permissions.Check(nora, operation).Refusal);
    }

    [Theory]
    [InlineData(Role.Approver)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Approver | Role.Marketer)]
    public void Nobody_decides_on_a_campaign_they_wrote_admins_included(Role roles)
    {
        var author = new Person("maya", "Maya", roles);

        Assert.Equal("You wrote this campaign; someone else must approve it (four-eyes).",
            Permissions.Check(author, Operation.DecideApprovals, authorId: "maya").Refusal);
    }

    [Theory]
    [InlineData("MAYA")]
    [InlineData("Maya")]
    public void Four_eyes_matches_the_author_as_the_user_directory_matches_ids_ignoring_case(string authorId)
    {
        var maya = new Person("maya", "Maya", Role.Approver | Role.Marketer);

        Assert.False(Permissions.Allows(maya, Operation.DecideApprovals, authorId));
    }

    [Fact]
    public void Without_the_role_the_refusal_is_the_role_even_for_the_author()
    {
        var maya = new Person("maya", "Maya Marketer", Role.Marketer);

        Assert.Equal("Maya Marketer does not hold the approver role.", Permissions.Check(maya, Operation.DecideApprovals, authorId: "maya").Refusal);
    }

    [Fact]
    public void Before_the_campaign_is_known_only_the_role_is_checked()
    {
        var omar = new Person("omar", "Omar Approver", Role.Approver);

        Assert.True(Permissions.Allows(omar, Operation.DecideApprovals));
    }

    [Theory]
    [InlineData(Operation.EditCampaigns)]
    [InlineData(Operation.SubmitCampaigns)]
    [InlineData(Operation.CancelCampaigns)]
    [InlineData(Operation.RetryDeliveries)]
    public void Four_eyes_is_about_deciding_only_authors_steer_their_own_campaigns(Operation operation)
    {
        var maya = new Person("maya", "Maya Marketer", Role.Marketer);

        Assert.True(Permissions.Allows(maya, operation, authorId: "maya"));
    }

    [Theory]
    [InlineData(CampaignAction.Edit, Operation.EditCampaigns)]
    [InlineData(CampaignAction.Delete, Operation.DeleteCampaigns)]
    [InlineData(CampaignAction.Submit, Operation.SubmitCampaigns)]
    [InlineData(CampaignAction.Approve, Operation.DecideApprovals)]
    [InlineData(CampaignAction.Reject, Operation.DecideApprovals)]
    [InlineData(CampaignAction.Pause, Operation.PauseCampaigns)]
    [InlineData(CampaignAction.Resume, Operation.ResumeCampaigns)]
    [InlineData(CampaignAction.Cancel, Operation.CancelCampaigns)]
    [InlineData(CampaignAction.Retry, Operation.RetryDeliveries)]
    public void Each_step_a_person_takes_is_one_operation(CampaignAction action, Operation operation)
    {
        Assert.Equal(operation, Permissions.OperationOf(action));
    }

    [Fact]
    public void Every_step_offered_as_a_button_has_an_operation()
    {
        var offered = Enum.GetValues<CampaignStatus>().SelectMany(CampaignLifecycle.Available).Distinct();

        Assert.All(offered, action => Permissions.OperationOf(action));
    }

    [Theory]
    [InlineData(CampaignAction.Schedule)]
    [InlineData(CampaignAction.Start)]
    [InlineData(CampaignAction.Finish)]
    [InlineData(CampaignAction.Expire)]
    [InlineData(CampaignAction.ExpireApprovalRequest)]
    [InlineData(CampaignAction.RequestReapproval)]
    public void The_schedulers_own_steps_are_nobodys_to_ask_for(CampaignAction action)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Permissions.OperationOf(action));
    }

    private static (string[] Columns, Dictionary<string, string[]> Rows) DocumentedRoles()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "docs", "api.md")))
        {
            folder = folder.Parent;
        }

        var lines = File.ReadAllLines(Path.Combine(folder?.FullName ?? throw new FileNotFoundException("docs/api.md is not above the test folder."), "docs", "api.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| what | viewer |", StringComparison.Ordinal));
        Assert.True(header >= 0, "docs/api.md has no roles table starting \"| what | viewer |\".");
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToDictionary(cells => cells[0], cells => cells[1..], StringComparer.Ordinal);
        return (Cells(lines[header]), rows);
    }

    private static string[] Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
}
