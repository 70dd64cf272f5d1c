using System.Net;
using System.Text;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.TikTokAds;

namespace CampaignBot.Delivery.Tests.Connectors.TikTokAds;

public sealed class TikTokErrorsTests
{
    private static async Task<HttpVerdict> ClassifyAsync(HttpStatusCode status, string body)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await TikTokErrors.ClassifyAsync(response, CancellationToken.None);
    }

    [Theory]
    [InlineData("""{"code":0,"message":"OK","request_id":"1","data":{}}""", HttpDisposition.Success, null)]
    [InlineData("""{"message":"OK","data":{}}""", HttpDisposition.Success, null)]
    [InlineData("""{"code":40100,"message":"Too many requests"}""", HttpDisposition.Throttled, FailureKind.RateLimited)]
    [InlineData("""{"code":40105,"message":"Access token is invalid"}""", HttpDisposition.Refused, FailureKind.Authentication)]
    [InlineData("""{"code":40102,"message":"Access token expired"}""", HttpDisposition.Refused, FailureKind.Authentication)]
    [InlineData("""{"code":40001,"message":"No permission"}""", HttpDisposition.Refused, FailureKind.Permission)]
    [InlineData("""{"code":40062,"message":"PII not hashed"}""", HttpDisposition.Refused, FailureKind.InvalidData)]
    [InlineData("""{"code":40002,"message":"Param error"}""", HttpDisposition.Refused, FailureKind.InvalidData)]
    [InlineData("""{"code":40300,"message":"Advertiser does not exist"}""", HttpDisposition.Refused, FailureKind.Configuration)]
    [InlineData("""{"code":40061,"message":"Invalid batch size"}""", HttpDisposition.Refused, FailureKind.Configuration)]
    [InlineData("""{"code":50002,"message":"System timeout"}""", HttpDisposition.Unavailable, FailureKind.ServiceDown)]
    [InlineData("""<html>Bad gateway</html>""", HttpDisposition.Unavailable, FailureKind.ServiceDown)]
    public async Task Codes_in_a_200_body_decide_the_verdict(string body, HttpDisposition disposition, FailureKind? kind)
    {
        var verdict = await ClassifyAsync(HttpStatusCode.OK, body);

        Assert.Equal(disposition, verdict.Disposition);
        if (kind is { } expected)
        {
            Assert.Equal(expected, verdict.Kind);
        }
    }

    [Fact]
    public async Task A_gateway_error_status_is_read_as_the_status_says()
    {
        var verdict = await ClassifyAsync(HttpStatusCode.BadGateway, "<html>502</html>");

        Assert.Equal((HttpDisposition.Unavailable, FailureKind.ServiceDown), (verdict.Disposition, verdict.Kind));
    }
}
