using System.Globalization;
using System.Text;
using CampaignBot.Chat.Slack;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using CampaignBot.Chat.Slack.Protocol;

namespace CampaignBot.Chat.Slack.Tests.Protocol;

public sealed class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=xyz&team_id=T1DC2JH3J&command=%2Fcampaign&text=new+spring+sale");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_765_000_000));

    private SlackSignatureVerifier Verifier(string? secret = Secret) =>
        new(Options.Create(new SlackOptions { SigningSecret = secret, BotToken = "xoxb-1" }), _time);

    private string Now(int offsetSeconds = 0) => (_time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Request_signed_with_the_secret_is_valid()
    {
        var ts = Now();
        var check = Verifier().Verify(ts, SlackSignatureVerifier.ComputeSignature(Secret, ts, Body), Body);
        Assert.True(check.IsValid);
    }

    [Fact]
    public void Headers_are_read_whatever_their_case()
    {
        var ts = Now();
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary
        {
            ["x-slack-request-timestamp"] = ts,
            ["X-SLACK-SIGNATURE"] = SlackSignatureVerifier.ComputeSignature(Secret, ts, Body),
        };
        Assert.True(Verifier().Verify(headers, Body).IsValid);
        Assert.Equal(SlackSignatureFailure.MissingHeaders, Verifier().Verify(new Microsoft.AspNetCore.Http.HeaderDictionary(), Body).Failure);
    }

    [Fact]
    public void Signature_matches_the_documented_v0_hmac_sha256_hex_format()
    {
        // Independent computation of v0=HMAC_SHA256(secret, "v0:ts:body") in lowercase hex.
        var expected = "v0=" + Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("v0:1531420618:" + Encoding.UTF8.GetString(Body)))).ToLowerInvariant();
        Assert.Equal(expected, SlackSignatureVerifier.ComputeSignature(Secret, "1531420618", Body));
    }

    [Fact]
    public void Forged_slack_signature_is_rejected()
    {
        var ts = Now();
        var forged = SlackSignatureVerifier.ComputeSignature("someone-elses-secret-000", ts, Body);
        Assert.Equal(SlackSignatureFailure.Mismatch, Verifier().Verify(ts, forged, Body).Failure);
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var ts = Now();
        var signature = SlackSignatureVerifier.ComputeSignature(Secret, ts, Body);
        var tampered = Encoding.UTF8.GetBytes("token=xyz&team_id=T1DC2JH3J&command=%2Fcampaign&text=launch+now");
        Assert.Equal(SlackSignatureFailure.Mismatch, Verifier().Verify(ts, signature, tampered).Failure);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Timestamp_more_than_five_minutes_from_now_is_rejected_stale_or_future(int offset)
    {
        var ts = Now(offset);
        var check = Verifier().Verify(ts, SlackSignatureVerifier.ComputeSignature(Secret, ts, Body), Body);
        Assert.Equal(SlackSignatureFailure.TimestampOutOfTolerance, check.Failure);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Timestamp_exactly_five_minutes_away_is_accepted(int offset)
    {
        var ts = Now(offset);
        Assert.True(Verifier().Verify(ts, SlackSignatureVerifier.ComputeSignature(Secret, ts, Body), Body).IsValid);
    }

    [Theory]
    [InlineData(null, "v0=abc", SlackSignatureFailure.MissingHeaders)]
    [InlineData("1765000000", null, SlackSignatureFailure.MissingHeaders)]
    [InlineData("", "", SlackSignatureFailure.MissingHeaders)]
    [InlineData("17650000x0", "v0=abc", SlackSignatureFailure.MalformedTimestamp)]
    [InlineData("-1765000000", "v0=abc", SlackSignatureFailure.MalformedTimestamp)]
    [InlineData("1765000000", "v0abc", SlackSignatureFailure.MalformedSignature)]
    [InlineData("1765000000", "v0=abc", SlackSignatureFailure.MalformedSignature)]
    public void Missing_or_malformed_headers_are_rejected(string? ts, string? signature, SlackSignatureFailure expected) =>
        Assert.Equal(expected, Verifier().Verify(ts, signature, Body).Failure);

    [Fact]
    public void Signature_of_another_version_is_rejected()
    {
        var ts = Now();
        var v1 = "v1=" + SlackSignatureVerifier.ComputeSignature(Secret, ts, Body)[3..];
        Assert.Equal(SlackSignatureFailure.UnsupportedVersion, Verifier().Verify(ts, v1, Body).Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_signing_secret_every_request_is_rejected(string? secret)
    {
        var ts = Now();
        var check = Verifier(secret).Verify(ts, SlackSignatureVerifier.ComputeSignature(Secret, ts, Body), Body);
        Assert.Equal(SlackSignatureFailure.NoSigningSecret, check.Failure);
    }

    [Fact]
    public void Uppercase_hex_signature_is_rejected_because_slack_sends_lowercase()
    {
        var ts = Now();
        var upper = "v0=" + SlackSignatureVerifier.ComputeSignature(Secret, ts, Body)[3..].ToUpperInvariant();
        Assert.False(Verifier().Verify(ts, upper, Body).IsValid);
    }
}
