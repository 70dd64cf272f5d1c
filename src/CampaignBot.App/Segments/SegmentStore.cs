using CampaignBot.App.Storage;
using CampaignBot.Core.Text;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Segments;
using LiteDB;

namespace CampaignBot.App.Segments;

/// <summary>Named segments in LiteDB; a segment is stored only if its filter parses and binds to the customer schema.</summary>
public sealed class SegmentStore(AppDatabase database, TimeProvider clock)
{
    public const int MaxName = 80;
    public const int MaxDescription = 500;

    private ILiteCollection<SegmentRecord> Segments => database.Collection<SegmentRecord>("segments");

    public IReadOnlyList<SegmentRecord> List() => Segments.FindAll().OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public SegmentRecord? Find(string name) => Segments.FindById(SegmentRecord.KeyOf(name));

    /// <summary>The segment's filter, bound and ready for SQL.</summary>
    public static Validated<BoundFilter> Bind(SegmentRecord segment, string path)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var parsed = SegmentParser.Parse(segment.Filter);
        if (parsed.Filter is null)
        {
            var problems = new ProblemList();
            problems.Error(path, $"Segment '{segment.Name}' no longer parses: {Describe(parsed.Error)}");
            return Validated<BoundFilter>.From(problems, () => null!);
        }

        return SegmentBinder.Bind(parsed.Filter, path);
    }

    /// <summary>Stores a segment written in the text syntax ("lifetime_value > 500 and state in (WA, OR)").</summary>
    public Validated<SegmentRecord> Create(string? name, string? description, string? filter, string createdBy)
    {
        var problems = new ProblemList();
        var parsed = SegmentParser.Parse(filter ?? "");
        if (parsed.Filter is null)
        {
            problems.Error("filter", string.IsNullOrWhiteSpace(filter)
                ? "Write a filter, such as: lifetime_value > 500 and state in (WA, OR)."
                : Describe(parsed.Error));
        }

        return Create(name, description, parsed.Filter, problems, createdBy);
    }

    // A name already taken is a problem on name here: the demo seeder and tests have no conflict to answer.
    private Validated<SegmentRecord> Create(string? name, string? description, SegmentFilter? filter, ProblemList problems, string createdBy)
    {
        var prepared = Prepare(name, description, filter, problems, createdBy);
        if (prepared.Value is { } record && !TryInsert(record))
        {
            problems.Error("name", Taken(record.Name));
            return Validated<SegmentRecord>.From(problems, () => null!);
        }

        return prepared;
    }

    /// <summary>
    /// The segment as it would be stored, checked in full but not stored yet (see <see cref="TryInsert"/>);
    /// <paramref name="problems"/> holds what was wrong reading the filter, binding problems go under <paramref name="filterPath"/>.
    /// </summary>
    public Validated<SegmentRecord> Prepare(string? name, string? description, SegmentFilter? filter, ProblemList problems, string createdBy, string filterPath = "filter")
    {
        ArgumentNullException.ThrowIfNull(problems);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problems.Error("name", "Give the segment a name.");
        }
        else if (trimmed.Length > MaxName)
        {
            problems.Error("name", $"The name is {trimmed.Length} characters long; keep it to {MaxName} or fewer.");
        }
        else if (PrintableText.Problem(trimmed) is { } unprintable)
        {
            problems.Error("name", $"The name contains {unprintable}; remove it.");
        }

        if ((description?.Trim().Length ?? 0) > MaxDescription)
        {
            problems.Error("description", $"The description is {description!.Trim().Length} characters long; keep it to {MaxDescription} or fewer.");
        }

        if (filter is not null)
        {
            problems.AddRange(SegmentBinder.Bind(filter, filterPath).Problems);
        }

        return Validated<SegmentRecord>.From(problems, () => new SegmentRecord
        {
            Id = SegmentRecord.KeyOf(trimmed),
            Name = trimmed,
            Description = description?.Trim() ?? "",
            Filter = SegmentText.Format(filter!),
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    /// <summary>
    /// Inserts the segment unless its name (any case) is taken; the check and the insert are one write, so of two
    /// requests racing for one name exactly one gets it and the other learns the name is taken.
    /// </summary>
    public bool TryInsert(SegmentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.Write(() => Segments.FindById(record.Id) is null && Segments.Insert(record) is not null);
    }

    /// <summary>The answer to a name that is taken, naming the segment as it was stored.</summary>
    public string Taken(string name) => $"A segment called '{Find(name)?.Name ?? name}' already exists; choose another name.";

    private static string Describe(SegmentSyntaxError? error) =>
        error is null ? "The filter does not parse." : $"At character {error.Position}: {error.Message}";

    /// <summary>Stores the demo segments when there are none yet; returns how many were added.</summary>
    public int SeedIfEmpty(IEnumerable<(string Name, string Description, string Text)> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (Segments.Count() > 0)
        {
            return 0;
        }

        return segments.Count(s => Create(s.Name, s.Description, s.Text, "demo").IsValid);
    }
}
