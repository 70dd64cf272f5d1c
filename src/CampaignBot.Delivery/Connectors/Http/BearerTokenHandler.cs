using System.Net;
using System.Net.Http.Headers;

namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>
/// Puts the current client-credentials token on every try. It sits inside the resilience pipeline (under the
/// retries, the pacing and the try timeout), so a retry after a long wait takes a valid token, and a token that
/// expired mid-push (401) is replaced and the call sent once more within the same try: neither a retry nor a
/// failure the circuit breaker counts.
/// </summary>
public sealed class BearerTokenHandler(ClientCredentialsTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var grant = await tokens.GetAsync(base.SendAsync, rejected: null, cancellationToken).ConfigureAwait(false);
        if (grant.Refusal is { } refused)
        {
            return refused;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", grant.AccessToken);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || grant.Fresh)
        {
            return response;
        }

        var renewed = await tokens.GetAsync(base.SendAsync, rejected: grant.AccessToken, cancellationToken).ConfigureAwait(false);
        response.Dispose();
        if (renewed.Refusal is { } refusedAgain)
        {
            return refusedAgain;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.AccessToken);

        // The call goes out a second time: it takes a permit of its own, so the service's limits still hold.
        var paced = request.Options.TryGetValue(PacingStrategy.PacerKey, out var pacer)
            ? await pacer.WaitAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            pacer?.Answered(paced);
        }
    }
}
