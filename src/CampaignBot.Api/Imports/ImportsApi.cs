using System.Security.Claims;
using CampaignBot.Api.Http;
using CampaignBot.App.Application;
using CampaignBot.App.Imports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Imports;

/// <summary><c>/api/customers/imports</c>: send a customer file (admins), then follow its import.</summary>
public static class ImportsApi
{
    /// <summary>What the upload may be; the file's first bytes decide what it is, whatever its type says.</summary>
    public static readonly string[] FileTypes = ["text/csv", "application/gzip", "application/vnd.apache.parquet", "application/octet-stream"];

    public static RouteGroupBuilder MapImports(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var group = routes.MapApiGroup("/api/customers/imports", "Customer data");
        var maxFileBytes = routes.ServiceProvider.GetRequiredService<IOptions<ImportsOptions>>().Value.MaxFileBytes;

        group.MapPost("/", StartAsync)
            // Any type is taken (*/*): routing would otherwise answer 415 to a wrong type before the key and the role
            // are checked, and the file's first bytes say what it is anyway.
            .Accepts<Stream>(FileTypes[0], [.. FileTypes[1..], "*/*"])
            // Files are far larger than the API's JSON bodies: this endpoint has its own limit (Imports:MaxFileBytes).
            .WithMetadata(new RequestSizeLimitAttribute(maxFileBytes))
            .WithName("ImportCustomers")
            .WithSummary("Import a customer file (admins)")
            .WithDescription(
                "The body is the file: CSV with a header row (comma, semicolon, tab or | separated; UTF-8; gzip-compressed or not) or Parquet. " +
                "table: customer_360, merged_customers, suppressions or transactions (orders, kept by order_id). mode: upsert (the default; stored rows with the file's keys get its values), " +
                "replace (the table becomes the file) or append (new keys only). mapping: file column:table column pairs for other header names, " +
                "such as cust_no:customer_id,notes:- (- leaves a column out). Answers 202 with the import's Location once the file is received; " +
                "the rows become visible all at once, or not at all. One import per table at a time.")
            .Produces<ImportView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, ImportService imports) => ApiResults.Ok(imports.Get(id, user.Actor())))
            .WithName("GetImport")
            .WithSummary("Follow an import (admins)")
            .WithDescription("Its status (Receiving, Running, Succeeded, Failed), rows read, accepted and rejected, elapsed seconds, and problems by line, column and reason (never the values).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Accepted<ImportView>, ProblemHttpResult>> StartAsync(
        string? table, string? mode, string? mapping, HttpRequest request, ClaimsPrincipal user, ImportService imports)
    {
        // The body is kept as it arrives and its first bytes say whether it is gzip; other encodings cannot be read.
        if (request.Headers.ContentEncoding.Count > 0
            && request.Headers.ContentEncoding.Any(e => e is not null && !e.Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase) && !e.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            return ApiResults.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported content encoding",
                "Send the file as it is, or gzip-compressed (Content-Encoding: gzip); no other encoding is read.");
        }

        var result = await imports.StartAsync(new ImportUpload(table, mode, mapping, request.Body), user.Actor(), request.HttpContext.RequestAborted);
        return result is ServiceResult<ImportView>.Ok { Value: var import }
            ? TypedResults.Accepted($"/api/customers/imports/{import.Id}", import)
            : ApiResults.Problem(result);
    }
}
