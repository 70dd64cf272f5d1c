namespace CampaignBot.Core.Validation;

/// <summary>The outcome of validating input: the value when there is no error, and every problem found.</summary>
public sealed record Validated<T>(T? Value, IReadOnlyList<ValidationProblem> Problems)
    where T : class
{
    public bool IsValid => Value is not null;

    public IEnumerable<ValidationProblem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<ValidationProblem> Warnings => Problems.Where(p => !p.IsError);

    public static Validated<T> From(ProblemList problems, Func<T> build) =>
        problems.HasErrors ? new(null, problems.Items) : new(build(), problems.Items);
}
