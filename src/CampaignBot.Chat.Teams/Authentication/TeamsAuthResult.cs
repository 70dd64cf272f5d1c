namespace CampaignBot.Chat.Teams.Authentication;

/// <summary>Who vouched for an accepted activity.</summary>
public enum TeamsCallerKind
{
    /// <summary>A Bot Connector channel token (issuer api.botframework.com).</summary>
    BotFramework,

    /// <summary>An Entra ID v2 token of the configured tenant (single-tenant bots).</summary>
    EntraId,

    /// <summary>No token: a local client under Teams:AllowUnauthenticatedLoopback in Development.</summary>
    DevelopmentLoopback,
}

/// <summary>Why an inbound request was refused; each is answered 401 and changes nothing.</summary>
public enum TeamsAuthRefusal
{
    NotConfigured,
    MissingToken,
    MalformedToken,
    AlgorithmNotAllowed,
    WrongIssuer,
    UnknownKey,
    KeysUnavailable,
    BadSignature,
    Expired,
    NotYetValid,
    WrongAudience,
    NotEndorsed,
    ServiceUrlMismatch,
    Invalid,
}

/// <summary>The outcome of checking an inbound request's token. A closed set; bad tokens are results, never exceptions.</summary>
public abstract record TeamsAuthResult
{
    private TeamsAuthResult()
    {
    }

    public sealed record Accepted(TeamsCallerKind Kind) : TeamsAuthResult;

    /// <summary><see cref="Detail"/> is safe to log: it never holds the token or its claims' values.</summary>
    public sealed record Refused(TeamsAuthRefusal Reason, string Detail) : TeamsAuthResult;

    public bool IsAccepted => this is Accepted;

    internal static Refused Refuse(TeamsAuthRefusal reason, string detail) => new(reason, detail);
}
