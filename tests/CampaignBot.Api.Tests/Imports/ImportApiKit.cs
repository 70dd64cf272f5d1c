using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignBot.Api.Tests.Http;
using CampaignBot.App.Imports;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Imports;

/// <summary>Sending customer files to the API and waiting for their imports to end.</summary>
internal static class ImportApiKit
{
    public static Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string query, string csv) =>
        client.PostFileAsync(query, Encoding.UTF8.GetBytes(csv.ReplaceLineEndings("\n")));

    public static Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string query, byte[] file, string contentType = "text/csv", string? contentEncoding = null)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        return client.PostAsync(new Uri($"/api/customers/imports?{query}", UriKind.Relative), content);
    }

    /// <summary>The accepted import, once it has ended, as GET at its Location shows it.</summary>
    public static async Task<ImportView> FinishedAsync(this CampaignBotFactory factory, HttpClient client, HttpResponseMessage accepted)
    {
        var started = await accepted.ReadAsync<ImportView>(HttpStatusCode.Accepted);
        Assert.Equal($"/api/customers/imports/{started.Id}", accepted.Headers.Location?.OriginalString);
        await factory.Services.GetRequiredService<ImportRunner>().WhenFinishedAsync(started.Id).WaitAsync(TimeSpan.FromSeconds(60));
        return await (await client.GetAsync(accepted.Headers.Location)).ReadAsync<ImportView>();
    }

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    public static Task<long> CustomersAsync(this CampaignBotFactory factory, CustomerTable? table = null) =>
        CustomerTables.CountAsync(factory.Services.GetRequiredService<CustomerEngine>(), table ?? CustomerSchema.Customer360);
}
