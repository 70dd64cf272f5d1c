using System.Security.Claims;
using System.Text.Encodings.Web;
using CampaignBot.App.Application;
using CampaignBot.App.Users;
using CampaignBot.Core.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Http;

/// <summary>
/// Authenticates REST callers by the <c>X-Api-Key</c> header through the user directory, which keeps only
/// digests of the keys. Roles are not checked here: the application services check them, for every channel alike.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserDirectory directory, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var values = Request.Headers[Header];
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count > 1)
        {
            return Task.FromResult(AuthenticateResult.Fail($"Send one {Header} header, not {values.Count}."));
        }

        if (directory.ByApiKey(values[0]!.Trim()) is not { } person)
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {Header} is not recognised; ask an administrator for a key."));
        }

        var principal = new ClaimsPrincipal(new PersonIdentity(person));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        await WriteAsync("Not authenticated", result.Failure?.Message ?? $"Send your API key in the {Header} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync("Forbidden", "Your roles do not allow this.");
    }

    private async Task WriteAsync(string title, string detail) =>
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail },
        });
}

/// <summary>The identity of an authenticated caller: the person the directory maps the key to.</summary>
public sealed class PersonIdentity : ClaimsIdentity
{
    public PersonIdentity(Person person)
        : base([new Claim(ClaimTypes.NameIdentifier, person.Id), new Claim(ClaimTypes.Name, person.Name)], ApiKeyAuthentication.SchemeName)
    {
        Person = person;
    }

    public Person Person { get; }
}

public static class CallerExtensions
{
    /// <summary>The authenticated caller as the application services know them; only on endpoints that require authorization.</summary>
    public static Actor Actor(this ClaimsPrincipal user) =>
        user.Identity is PersonIdentity identity
            ? new Actor(identity.Person, "api")
            : throw new InvalidOperationException("The endpoint does not require authorization, so there is no caller.");
}
