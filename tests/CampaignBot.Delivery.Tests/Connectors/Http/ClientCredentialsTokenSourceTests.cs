using System.Net;
using System.Text;
using CampaignBot.Delivery.Connectors.Http;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Delivery.Tests.Connectors.Http;

public sealed class ClientCredentialsTokenSourceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> _bodies = [];
    private HttpStatusCode _status = HttpStatusCode.OK;
    private int _issued;

    private ClientCredentialsTokenSource Source() => new(new Uri("https://auth.example.com/oauth2/token"), "app-id", "s3cret value", _clock);

    // The token endpoint: records each form body and issues token-1, token-2, … valid 900 s.
    private async Task<HttpResponseMessage> Endpoint(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
        var json = _status == HttpStatusCode.OK
            ? $$"""{"access_token":"token-{{++_issued}}","token_type":"Bearer","expires_in":900}"""
            : """{"error":"invalid_client"}""";
        return new HttpResponseMessage(_status) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    [Fact]
    public async Task The_token_is_kept_until_a_minute_before_it_expires_then_replaced()
    {
        var source = Source();

        var first = await source.GetAsync(Endpoint, null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(839));
        var kept = await source.GetAsync(Endpoint, null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = await source.GetAsync(Endpoint, null, CancellationToken.None);

        Assert.Equal(("token-1", true), (first.AccessToken, first.Fresh));
        Assert.Equal(("token-1", false), (kept.AccessToken, kept.Fresh));
        Assert.Equal(("token-2", true), (renewed.AccessToken, renewed.Fresh));
        Assert.Equal(2, source.Fetched);
    }

    [Fact]
    public async Task The_secret_goes_only_in_the_form_body_of_a_client_credentials_grant()
    {
        await Source().GetAsync(Endpoint, null, CancellationToken.None);

        Assert.Equal("grant_type=client_credentials&client_id=app-id&client_secret=s3cret+value", Assert.Single(_bodies));
    }

    [Fact]
    public async Task A_rejected_token_is_replaced_once_even_when_many_callers_report_it()
    {
        var source = Source();
        await source.GetAsync(Endpoint, null, CancellationToken.None);

        var renewed = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => source.GetAsync(Endpoint, "token-1", CancellationToken.None)));

        Assert.All(renewed, r => Assert.Equal("token-2", r.AccessToken));
        Assert.Equal(2, source.Fetched);
    }

    [Fact]
    public async Task A_refused_secret_comes_back_as_the_token_endpoints_answer_marked_as_such()
    {
        _status = HttpStatusCode.Unauthorized;

        var grant = await Source().GetAsync(Endpoint, null, CancellationToken.None);

        Assert.Null(grant.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, grant.Refusal!.StatusCode);
        Assert.True(ClientCredentialsTokenSource.IsTokenResponse(grant.Refusal));
    }

    [Fact]
    public void Short_lifetimes_are_renewed_a_fifth_early_long_ones_a_minute_early()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), ClientCredentialsTokenSource.RefreshMargin(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromMinutes(1), ClientCredentialsTokenSource.RefreshMargin(TimeSpan.FromMinutes(15)));
    }
}
