using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace CampaignBot.Chat.Teams.Tests.Fakes;

/// <summary>An RSA signing key of the fixture: its kid, its endorsements (Bot Framework keys only) and its public JWK.</summary>
public sealed class FakeSigningKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public FakeSigningKey(string kid, params string[] endorsements)
    {
        Kid = kid;
        Endorsements = endorsements;
        SecurityKey = new RsaSecurityKey(_rsa) { KeyId = kid };
    }

    public string Kid { get; }

    public IReadOnlyList<string> Endorsements { get; }

    public RsaSecurityKey SecurityKey { get; }

    /// <summary>This key's private half under another kid: a token that names a key it was not signed with.</summary>
    public RsaSecurityKey WithKid(string kid) => new(_rsa) { KeyId = kid };

    /// <summary>The public key as a JWKS entry, with Bot Framework's non-standard "endorsements" when it has any.</summary>
    public JsonObject Jwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements.Count > 0)
        {
            jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode?)e)]);
        }

        return jwk;
    }

    public void Dispose() => _rsa.Dispose();
}
