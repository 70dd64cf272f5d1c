using CampaignBot.Api.Alerts;
using CampaignBot.Api.Approvals;
using CampaignBot.Api.Campaigns;
using CampaignBot.Api.Destinations;
using CampaignBot.Api.Events;
using CampaignBot.Api.Imports;
using CampaignBot.Api.Results;
using CampaignBot.Api.Runs;
using CampaignBot.Api.SeedLists;
using CampaignBot.Api.Segments;
using CampaignBot.App.Alerts;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Destinations;
using CampaignBot.App.Runs;
using CampaignBot.App.Segments;
using CampaignBot.App.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Http;

/// <summary>The REST API's cross-cutting parts, declared once: API keys, problems, rate limits, body limits, JSON, OpenAPI.</summary>
public static class RestApiSetup
{
    public const string RateLimitPolicy = "api";

    public static IServiceCollection AddRestApi(this IServiceCollection services)
    {
        services.AddApiOptions();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
            // The framework answers an oversized body with a bare 413; say what the limit is.
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
            {
                var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
                context.ProblemDetails.Detail = $"The body is over {limit:N0} bytes, the most the API accepts.";
            }
        });
        services.AddExceptionHandler<BadRequestProblems>();
        // Bad bodies are thrown in every environment, so BadRequestProblems answers them the same way everywhere.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Strict bodies: a misspelt field ("exlude") dropped in silence would send a campaign to the people it excludes.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.AllowDuplicateProperties = false;
        });

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.PermitsPerMinute;
                // Per caller: a person's requests share one budget; without a valid key, per address, which also slows key guessing.
                var caller = context.User.Identity is PersonIdentity identity
                    ? $"person:{identity.Person.Id}"
                    : $"address:{context.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This key has used its requests for this minute; try again in {CampaignBot.Core.Text.Counted.Of(seconds, "second")}.",
                    },
                });
            };
        });

        services.AddApiDocumentation();
        return services;
    }

    public static IServiceCollection AddApiOptions(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).RefuseUnknownSettings(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>The middleware, in the order that matters: ids and errors outermost, then who is calling, then how often.</summary>
    public static WebApplication UseRestApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestIds>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<Utf8Bodies>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapRestApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSegments();
        app.MapSeedLists();
        app.MapDestinations();
        app.MapCampaigns();
        app.MapApprovals();
        app.MapRuns();
        app.MapResults();
        app.MapAlerts();
        app.MapImports();
        app.MapEvents();
        app.MapApiDocumentation();
        return app;
    }

    /// <summary>A feature's group under /api: an API key required, the rate limit applied, bodies read strictly, the shared failures documented.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder routes, string prefix, string tag) =>
        routes.MapGroup(prefix)
            .WithTags(tag)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<UnexpectedBody>()
            .AddEndpointFilterFactory(UnknownQueryParameters.Filter)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
