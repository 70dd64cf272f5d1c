namespace CampaignBot.Core.Validation;

/// <summary>Collects every problem in one pass, so users fix all of them at once.</summary>
public sealed class ProblemList
{
    private readonly List<ValidationProblem> _problems = [];

    public IReadOnlyList<ValidationProblem> Items => _problems;

    public bool HasErrors => _problems.Exists(p => p.IsError);

    public void Error(string path, string message) => _problems.Add(new(path, message, ProblemSeverity.Error));

    public void Warning(string path, string message) => _problems.Add(new(path, message, ProblemSeverity.Warning));

    public void AddRange(IEnumerable<ValidationProblem> problems) => _problems.AddRange(problems);
}
