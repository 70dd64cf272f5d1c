using CampaignBot.Core.People;

namespace CampaignBot.App.Application;

/// <summary>The permission policy's answer as a service result, so every service refuses in the policy's words.</summary>
public static class ActorPermissions
{
    /// <summary>Forbidden, with the policy's sentence, when the actor's roles do not allow <paramref name="operation"/>; null when they do.</summary>
    public static ServiceResult<T>? Refusal<T>(this Actor actor, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Permissions.Check(actor.Person, operation) is { IsAllowed: false } check ? new ServiceResult<T>.Forbidden(check.Refusal!) : null;
    }
}
