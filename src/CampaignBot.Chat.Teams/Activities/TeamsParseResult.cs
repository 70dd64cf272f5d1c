namespace CampaignBot.Chat.Teams.Activities;

/// <summary>What the parser made of a body: an activity, or every problem found (each "path: sentence"). Never an exception.</summary>
public abstract record TeamsParseResult
{
    private TeamsParseResult()
    {
    }

    public sealed record Parsed(TeamsActivity Activity) : TeamsParseResult;

    public sealed record Invalid(IReadOnlyList<string> Problems) : TeamsParseResult
    {
        public override string ToString() => string.Join("; ", Problems);
    }
}
