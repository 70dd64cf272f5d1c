using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace CampaignBot.Chat.Web;

/// <summary>The page's script and style, served from the assembly's embedded files (Assets/ in the project).</summary>
internal static class WebChatAssets
{
    private static readonly FrozenDictionary<string, Asset> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["chat.css"] = "text/css; charset=utf-8",
        ["chat.js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(f => f.Key, f => Load(f.Key, f.Value), StringComparer.Ordinal);

    public static IResult Serve(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Revalidated every time, so a new version of the service is never shown with an old script.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(WebChatAssets).Assembly.GetManifestResourceStream($"webchat/{name}")
            ?? throw new InvalidOperationException($"The web chat's {name} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        return new Asset(content, contentType, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"").ToString());
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
