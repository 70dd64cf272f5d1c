using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>Why a request's signature was refused; safe to log (it never contains the secret or the body).</summary>
public enum SlackSignatureFailure
{
    None,
    NoSigningSecret,
    MissingHeaders,
    MalformedTimestamp,
    TimestampOutOfTolerance,
    UnsupportedVersion,
    MalformedSignature,
    Mismatch,
}

public readonly record struct SlackSignatureCheck(SlackSignatureFailure Failure)
{
    public bool IsValid => Failure == SlackSignatureFailure.None;
}

/// <summary>
/// Verifies X-Slack-Signature over the raw request bytes (S1): v0 base string, HMAC-SHA256, lowercase hex,
/// constant-time compare, and |now − timestamp| ≤ 5 minutes so a captured request cannot be replayed later.
/// </summary>
public sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    /// <summary>bolt-js and the Java SDK use 5 minutes; we apply it both ways (python-slack-sdk) to refuse future stamps too.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string Version = "v0";

    /// <summary>Reads both headers (case-insensitively, as IHeaderDictionary does) and verifies the buffered raw body.</summary>
    public SlackSignatureCheck Verify(IHeaderDictionary headers, ReadOnlySpan<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(headers[TimestampHeader].ToString(), headers[SignatureHeader].ToString(), rawBody);
    }

    public SlackSignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> rawBody)
    {
        // Fail closed: no secret means no request is trusted (SlackNet once skipped verification here, S1.7).
        var secret = options.Value.SigningSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return new(SlackSignatureFailure.NoSigningSecret);
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return new(SlackSignatureFailure.MissingHeaders);
        }

        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new(SlackSignatureFailure.MalformedTimestamp);
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > Tolerance)
        {
            return new(SlackSignatureFailure.TimestampOutOfTolerance);
        }

        var separator = signature.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            return new(SlackSignatureFailure.MalformedSignature);
        }

        if (!signature.AsSpan(0, separator).SequenceEqual(Version))
        {
            return new(SlackSignatureFailure.UnsupportedVersion);
        }

        var presented = signature.AsSpan(separator + 1);
        if (presented.Length != 64)
        {
            return new(SlackSignatureFailure.MalformedSignature);
        }

        var expected = Encoding.ASCII.GetBytes(ComputeSignature(secret, timestamp, rawBody)[(Version.Length + 1)..]);
        Span<byte> presentedBytes = stackalloc byte[64];
        if (Encoding.ASCII.GetBytes(presented, presentedBytes) != 64)
        {
            return new(SlackSignatureFailure.MalformedSignature);
        }

        return CryptographicOperations.FixedTimeEquals(expected, presentedBytes)
            ? new(SlackSignatureFailure.None)
            : new(SlackSignatureFailure.Mismatch);
    }

    /// <summary>The X-Slack-Signature value Slack would send ("v0=" + lowercase hex); for tests and benchmarks that sign requests.</summary>
    public static string ComputeSignature(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var baseString = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(baseString, 0);
        rawBody.CopyTo(baseString.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), baseString);
        return $"{Version}={Convert.ToHexStringLower(mac)}";
    }
}
