namespace CampaignBot.Delivery.Connectors;

/// <summary>Why a delivery failed, in the classes on-call staff act on; each has its own fix steps.</summary>
public enum FailureKind
{
    /// <summary>The credentials were refused or have expired.</summary>
    Authentication,

    /// <summary>The credentials work but lack a scope, a role or accepted terms.</summary>
    Permission,

    /// <summary>The destination kept throttling until the retries ran out.</summary>
    RateLimited,

    /// <summary>The destination refused the rows themselves (missing or malformed identifiers).</summary>
    InvalidData,

    /// <summary>The destination did not answer, or answered with server errors, until the retries ran out.</summary>
    ServiceDown,

    /// <summary>The destination instance is set up wrongly (unknown bucket, list, account, path).</summary>
    Configuration,

    /// <summary>The destination reported holding fewer rows than were sent, beyond the tolerance.</summary>
    Shortfall,
}
