namespace CampaignBot.Core.Validation;

public enum ProblemSeverity
{
    /// <summary>Blocks saving: the campaign could not run as written.</summary>
    Error,

    /// <summary>Saved, but worth a second look (a default group name, no control group).</summary>
    Warning,
}

/// <summary>
/// One thing wrong with user input. <see cref="Path"/> points into the submitted JSON
/// (<c>subAudiences[1].groups[0].percent</c>); <see cref="Message"/> is a sentence a marketer can act on.
/// </summary>
public sealed record ValidationProblem(string Path, string Message, ProblemSeverity Severity)
{
    public bool IsError => Severity == ProblemSeverity.Error;
}
