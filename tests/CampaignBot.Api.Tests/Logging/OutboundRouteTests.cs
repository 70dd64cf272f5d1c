using CampaignBot.App.Logging;

namespace CampaignBot.Api.Tests.Logging;

public sealed class OutboundRouteTests
{
    [Theory]
    // The path of a response_url is the credential; its last part can be letters only, and is still a token.
    [InlineData("https://hooks.slack.com/actions/T0123ABCD/1234567890123/AbCdEfGhIjKlMnOpQrStUvWx", "hooks.slack.com", "/actions/{…}/{…}/{…}")]
    [InlineData("https://slack.com/api/chat.postMessage", "slack.com", "/api/chat.postMessage")]
    [InlineData("https://slack.com/api/users.info?user=U0MAYA0001", "slack.com", "/api/users.info")]
    [InlineData("https://a.klaviyo.com/api/profile-bulk-import-jobs/", "a.klaviyo.com", "/api/profile-bulk-import-jobs/")]
    [InlineData("https://a.klaviyo.com/api/lists/Y6nRLr/relationships/profiles", "a.klaviyo.com", "/api/lists/{…}/relationships/profiles")]
    [InlineData("https://a.klaviyo.com/api/profiles?filter=any(email,[\"ann@example.com\"])", "a.klaviyo.com", "/api/profiles")]
    [InlineData("https://graph.facebook.com/v19.0/act_1234567890/customaudiences", "graph.facebook.com", "/v19.0/{…}/customaudiences")]
    [InlineData("https://acme.s3.amazonaws.com/exports/part.csv?X-Amz-Credential=AKIA&X-Amz-Signature=0a1b2c", "acme.s3.amazonaws.com", "/exports/part.csv")]
    [InlineData("https://acme.blob.core.windows.net/exports/part-0001.csv?sv=2024-08-04&sig=c2lnbmF0dXJl", "acme.blob.core.windows.net", "/exports/{…}")]
    [InlineData("https://api.example.com/contacts/ann%40example.com/phone/+14155550100", "api.example.com", "/contacts/{…}/phone/{…}")]
    [InlineData("https://user:secret@api.example.com:8443/v1/segments/7f9c2ba4-e88f-4a2b-9d1e-2b5c8f3a6e10", "api.example.com:8443", "/v1/segments/{…}")]
    public void Keeps_the_host_and_route_words_and_hides_ids_tokens_values_and_the_query(string url, string host, string route)
    {
        Assert.Equal((host, route), OutboundRoute.Of(new Uri(url)));
    }

    [Fact]
    public void A_url_that_is_not_absolute_names_neither_host_nor_route()
    {
        Assert.Equal(("(no host)", "(no route)"), OutboundRoute.Of(new Uri("api/lists", UriKind.Relative)));
        Assert.Equal(("(no host)", "(no route)"), OutboundRoute.Of(null));
    }
}
