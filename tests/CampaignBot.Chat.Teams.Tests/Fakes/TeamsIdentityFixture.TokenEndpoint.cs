using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Chat.Teams.Tests.Fakes;

/// <summary>One call to the fixture's token endpoint (the secret is checked, not kept).</summary>
public sealed record FakeTokenRequest(string Tenant, string? GrantType, string? ClientId, string? Scope, bool SecretMatched, string? IssuedToken);

/// <summary>The client-credentials token endpoint (T3): form in, {token_type, expires_in, access_token} out.</summary>
public sealed partial class TeamsIdentityFixture
{
    private async Task<IResult> IssueTokenAsync(HttpContext context, string tenant)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        string? Field(string name) => form?[name].ToString() is { Length: > 0 } value ? value : null;
        var secretMatched = Field("client_secret") == AppPassword;
        var valid = Field("grant_type") == "client_credentials" && Field("client_id") == AppId && secretMatched && Field("scope") == BotFrameworkScope;
        var token = valid ? $"connector-token-{Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture)}" : null;
        _tokenRequests.Enqueue(new FakeTokenRequest(tenant, Field("grant_type"), Field("client_id"), Field("scope"), secretMatched, token));
        if (token is null)
        {
            // What Entra answers for a wrong secret or app (AADSTS7000215 / AADSTS700016).
            return Results.Json(new JsonObject { ["error"] = "invalid_client", ["error_description"] = "AADSTS7000215: Invalid client secret provided." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Text(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = TokenLifetimeSeconds,
            ["ext_expires_in"] = TokenLifetimeSeconds,
            ["access_token"] = token,
        }.ToJsonString(), "application/json");
    }
}
