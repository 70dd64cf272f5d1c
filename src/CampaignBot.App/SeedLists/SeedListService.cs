using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.People;
using CampaignBot.Core.Seeds;
using CampaignBot.Core.Text;
using CampaignBot.Core.Validation;

namespace CampaignBot.App.SeedLists;

/// <summary>
/// Creating, reading, editing and deleting seed lists, for the REST API and chat alike. Editing a list's people never
/// touches the campaigns that send it: approvals pin which lists go out, not who is on them (docs/lifecycle.md).
/// </summary>
public sealed class SeedListService(SeedListStore lists, CampaignStore campaigns, TimeProvider clock)
{
    public const int MaxName = 80;
    public const int MaxDescription = 500;

    public ServiceResult<IReadOnlyList<SeedListView>> List(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<IReadOnlyList<SeedListView>>(Operation.ReadSeedLists) is { } refused)
        {
            return refused;
        }

        var users = Users();
        return lists.List().Select(l => SeedListView.Of(l, users.GetValueOrDefault(l.Id) ?? [])).ToList();
    }

    public ServiceResult<SeedListView> Get(string name, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Refusal<SeedListView>(Operation.ReadSeedLists)
            ?? (lists.Find(name) is { } list ? View(list) : NotFound<SeedListView>(name));
    }

    public ServiceResult<SeedListView> Create(SeedListInput input, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<SeedListView>(Operation.ManageSeedLists) is { } refused)
        {
            return refused;
        }

        var problems = new ProblemList();
        var name = CheckName(input.Name, problems);
        if (name is not null && lists.Find(name) is { } taken)
        {
            return new ServiceResult<SeedListView>.Conflict(Taken(taken.Name));
        }

        var description = CheckDescription(input.Description, problems);
        var entries = SeedEntryRules.Check(input.Entries, problems);
        if (problems.HasErrors)
        {
            return new ServiceResult<SeedListView>.Invalid(problems.Items);
        }

        var now = clock.GetUtcNow();
        var record = new SeedListRecord
        {
            Id = SeedListRecord.KeyOf(name!), Name = name!, Description = description, Entries = [.. entries], Version = 1,
            CreatedBy = actor.Person.Id, CreatedAt = now, UpdatedBy = actor.Person.Id, UpdatedAt = now,
        };
        return lists.TryInsert(record) ? View(record) : new ServiceResult<SeedListView>.Conflict(Taken(record.Name));
    }

    /// <summary>Replaces the list's description and people; its name stays. Campaigns sending it keep their approvals.</summary>
    public ServiceResult<SeedListView> Update(string name, SeedListInput input, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<SeedListView>(Operation.ManageSeedLists) is { } refused)
        {
            return refused;
        }

        if (lists.Find(name) is not { } record)
        {
            return NotFound<SeedListView>(name);
        }

        var problems = new ProblemList();
        if (input.Name is { } renamed && !string.Equals(renamed.Trim(), record.Name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Error("name", $"A seed list keeps its name, since campaigns name it; leave name out or write '{record.Name}'.");
        }

        var description = CheckDescription(input.Description, problems);
        var entries = SeedEntryRules.Check(input.Entries, problems);
        if (problems.HasErrors)
        {
            return new ServiceResult<SeedListView>.Invalid(problems.Items);
        }

        record.Description = description;
        record.Entries = [.. entries];
        record.Version++;
        record.UpdatedBy = actor.Person.Id;
        record.UpdatedAt = clock.GetUtcNow();
        lists.Update(record);
        return View(record);
    }

    /// <summary>Deletes a list no unfinished campaign sends; one that is still sent would fail its campaign's next run.</summary>
    public ServiceResult<SeedListView> Delete(string name, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<SeedListView>(Operation.ManageSeedLists) is { } refused)
        {
            return refused;
        }

        if (lists.Find(name) is not { } record)
        {
            return NotFound<SeedListView>(name);
        }

        var users = Users(unfinishedOnly: true).GetValueOrDefault(record.Id) ?? [];
        if (users.Count > 0)
        {
            return new ServiceResult<SeedListView>.Conflict(
                $"The seed list '{record.Name}' is sent by {string.Join(", ", users.Select(u => $"'{u}'"))}; remove it from {(users.Count == 1 ? "that campaign" : "those campaigns")} first.");
        }

        lists.Delete(record.Name);
        return SeedListView.Of(record, []);
    }

    private SeedListView View(SeedListRecord record) => SeedListView.Of(record, Users().GetValueOrDefault(record.Id) ?? []);

    // Campaign names by the seed list keys their drafts name.
    private Dictionary<string, List<string>> Users(bool unfinishedOnly = false)
    {
        var users = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var campaign in campaigns.List().Where(c => !unfinishedOnly || !CampaignLifecycle.IsFinished(c.Status)))
        {
            foreach (var seeds in CampaignResolver.ReadDraft(campaign.DraftJson).SeedLists ?? [])
            {
                if (!string.IsNullOrWhiteSpace(seeds?.Name))
                {
                    var key = SeedListRecord.KeyOf(seeds.Name);
                    if (!users.TryGetValue(key, out var names))
                    {
                        users[key] = names = [];
                    }

                    names.Add(campaign.Name);
                }
            }
        }

        return users;
    }

    private static string? CheckName(string? name, ProblemList problems)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problems.Error("name", "Give the seed list a name, such as \"Marketing directors\".");
            return null;
        }

        if (trimmed.Length > MaxName)
        {
            problems.Error("name", $"The name is {trimmed.Length} characters long; keep it to {MaxName} or fewer.");
            return null;
        }

        if (PrintableText.Problem(trimmed) is { } unprintable)
        {
            problems.Error("name", $"The name contains {unprintable}; remove it.");
            return null;
        }

        return trimmed;
    }

    private static string CheckDescription(string? description, ProblemList problems)
    {
        var trimmed = description?.Trim() ?? "";
        if (trimmed.Length > MaxDescription)
        {
            problems.Error("description", $"The description is {trimmed.Length} characters long; keep it to {MaxDescription} or fewer.");
        }

        return trimmed;
    }

    private string Taken(string name) => $"A seed list called '{lists.Find(name)?.Name ?? name}' already exists; choose another name.";

    private static ServiceResult<T> NotFound<T>(string name) => new ServiceResult<T>.NotFound($"There is no seed list called '{name}'.");
}
