using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Teams;

/// <summary>Checks the "Teams" section at start-up and reports every problem at once, each naming its key.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.AppId is not null && !Guid.TryParse(options.AppId, out _))
        {
            errors.Add("Teams:AppId must be the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000.");
        }

        // A configured bot must be able to answer; the loopback development mode sends no token, so it needs no secret.
        if (options.IsConfigured && string.IsNullOrWhiteSpace(options.AppPassword) && !options.AllowUnauthenticatedLoopback)
        {
            errors.Add("Teams:AppPassword is required when Teams:AppId is set (the app registration's client secret).");
        }

        if (options.TenantId is { } tenant && !IsTenant(tenant))
        {
            errors.Add("Teams:TenantId must be a tenant id (a GUID) or a domain such as contoso.onmicrosoft.com.");
        }

        Endpoint(errors, "OpenIdMetadataUrl", options.OpenIdMetadataUrl);
        Endpoint(errors, "EntraMetadataUrl", options.EntraMetadataUrl);
        Endpoint(errors, "TokenEndpoint", options.TokenEndpoint);
        Conversation(errors, "ApprovalsConversation", options.ApprovalsConversation);
        Conversation(errors, "AlertsConversation", options.AlertsConversation);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsTenant(string tenant) =>
        Guid.TryParse(tenant, out _)
        || (tenant.Length is > 0 and <= 253 && tenant.Contains('.', StringComparison.Ordinal) && tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'));

    private static void Endpoint(List<string> errors, string key, string? url)
    {
        // The placeholder is filled in later; check the URL it will become.
        var filled = url is null ? null : TeamsOptions.WithTenant(url, "tenant.example");
        if (!Uri.TryCreate(filled, UriKind.Absolute, out var uri) || !Loopback.IsAllowedEndpoint(uri))
        {
            errors.Add($"Teams:{key} must be an absolute https URL (http only for a loopback host in tests).");
        }
    }

    private static void Conversation(List<string> errors, string key, string? conversation)
    {
        if (conversation is not null && (conversation.Length == 0 || conversation.Any(char.IsWhiteSpace)))
        {
            errors.Add($"Teams:{key} must be a Teams conversation id such as 19:abc123@thread.tacv2.");
        }
    }
}
