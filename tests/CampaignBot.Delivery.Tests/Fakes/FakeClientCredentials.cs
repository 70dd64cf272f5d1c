using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>A fake whose bearer tokens come from a <see cref="FakeClientCredentials"/> endpoint, for the shared token tests.</summary>
public interface IFakeTokenIssuer
{
    int TokensIssued { get; }

    /// <summary>Calls refused because their token had expired.</summary>
    int ExpiredRefusals { get; }

    void ExpireTokens();
}

/// <summary>
/// An OAuth2 client-credentials token endpoint as Listrak and Criteo run one: a form-encoded grant with the id and
/// secret in the body (never the URL), bearer tokens that expire after <paramref name="lifetime"/>, refused while
/// the plan says the secret is revoked. The fakes differ only in how they word a refusal and a fault.
/// </summary>
public sealed class FakeClientCredentials(string prefix, string clientId, string clientSecret, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private int _issued;

    public int Issued => _issued;

    /// <summary>Every token issued so far expires now, as a long push outlives it.</summary>
    public void ExpireAll()
    {
        foreach (var token in _tokens.Keys)
        {
            _tokens[token] = DateTimeOffset.MinValue;
        }
    }

    /// <summary>When the presented bearer token expires; false for no token, an unknown one, or a revoked secret.</summary>
    public bool TryExpiry(HttpRequest request, FaultPlan plan, out DateTimeOffset expires)
    {
        var header = request.Headers.Authorization.ToString();
        expires = default;
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && !plan.Revoked && _tokens.TryGetValue(header["Bearer ".Length..], out expires);
    }

    /// <summary>Whether the request's URL carries the secret or a token, which must only travel in bodies and headers.</summary>
    public bool InUrl(HttpRequest request) =>
        request.QueryString.Value is { Length: > 0 } query
        && (query.Contains(clientSecret, StringComparison.Ordinal) || _tokens.Keys.Any(t => query.Contains(t, StringComparison.Ordinal)));

    /// <summary>Answers a token request: the grant checked, then the credentials, then the fault drawn for it.</summary>
    /// <param name="violation">Records a broken rule of the protocol.</param>
    /// <param name="refused">The service's answer to a wrong or revoked secret.</param>
    /// <param name="fault">The service's answer to an injected fault, or null for none.</param>
    public async Task IssueAsync(HttpContext context, FaultInjector faults, Action<string> violation, IResult refused, Func<Fault?, IResult?> fault)
    {
        var request = context.Request;
        if (request.Query.Count > 0)
        {
            violation("the token request has a query string; client credentials belong in the form body");
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var drawn = faults.Next(request.Method, request.Path);
        IResult result;
        if (form is null || form["grant_type"] != "client_credentials")
        {
            violation("a token request that is not a form-encoded client_credentials grant");
            result = Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        }
        else if (faults.Plan.Revoked || form["client_id"] != clientId || form["client_secret"] != clientSecret)
        {
            result = refused;
        }
        else
        {
            result = fault(drawn) ?? Issue();
        }

        if (drawn == Fault.Slow)
        {
            await Task.Delay(faults.Plan.SlowBy);
        }

        await result.ExecuteAsync(context);
    }

    private IResult Issue()
    {
        var token = $"{prefix}-{Interlocked.Increment(ref _issued)}-{Guid.NewGuid():N}";
        _tokens[token] = DateTimeOffset.UtcNow + lifetime;
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)Math.Ceiling(lifetime.TotalSeconds) });
    }
}
