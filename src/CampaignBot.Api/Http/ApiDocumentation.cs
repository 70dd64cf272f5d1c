using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignBot.Core.Campaigns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CampaignBot.Api.Http;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: the X-Api-Key scheme on every secured operation, request
/// examples from endpoint metadata, and a browsable reference at <c>/scalar</c> in Development.
/// </summary>
public static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CampaignBot API";
                document.Info.Description = "Campaigns, segments, destinations, approvals and runs. Authenticate with the X-Api-Key header; "
                    + "errors are RFC 9457 problem details with a requestId.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthentication.Header,
                    Description = "An API key from the ApiKeys section; it maps to a person and their roles.",
                };
                return Task.CompletedTask;
            });
            // A campaign id is written as the bare GUID string (CampaignIdJsonConverter), so it is documented inline as one,
            // exactly as it was while it was a Guid.
            options.CreateSchemaReferenceId = type => IsCampaignId(type.Type) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (IsCampaignId(context.JsonTypeInfo.Type) || IsCampaignId(context.ParameterDescription?.Type))
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Format = "uuid";
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, context.Document)] = [],
                    });
                }

                if (metadata.OfType<RequestExample>().FirstOrDefault() is { } example
                    && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                {
                    var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                    body.Example = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), json);
                }

                return Task.CompletedTask;
            });
        });

    private static bool IsCampaignId(Type? type) => type is not null && (Nullable.GetUnderlyingType(type) ?? type) == typeof(CampaignId);

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        return app;
    }

    /// <summary>Shows <paramref name="example"/> as the request body's example in the OpenAPI document.</summary>
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, object example) =>
        builder.WithMetadata(new RequestExample(example));
}

/// <summary>Endpoint metadata: an example request body for the OpenAPI document.</summary>
public sealed record RequestExample(object Value);
