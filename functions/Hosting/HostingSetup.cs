using Billing.Core.Common;
using Billing.Functions.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace Billing.Functions.Hosting;

/// <summary>Cross-cutting HTTP concerns: JSON, limits, problem details, authentication, OpenAPI.</summary>
public static class HostingSetup
{
    /// <summary>Bodies of the billing API are small; anything larger is refused before it is read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddBillingHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = configuration.GetValue("Http:MaxRequestBodyBytes", MaxRequestBodyBytes);
            o.AddServerHeader = false;
            o.Limits.MaxRequestHeadersTotalSize = ResponseHeaders.KestrelRequestHeadersBytes;
        });
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.MaxDepth = ApiJson.Options.MaxDepth;
            o.SerializerOptions.DefaultIgnoreCondition = ApiJson.Options.DefaultIgnoreCondition;
            o.SerializerOptions.NumberHandling = ApiJson.Options.NumberHandling;
            o.SerializerOptions.AllowDuplicateProperties = ApiJson.Options.AllowDuplicateProperties;
        });

        // Binding failures throw, so the exception handler answers them as problem+json with their reason.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddBillingAuthentication(configuration);
        services.AddOpenApi(o => o.AddOperationTransformer(ProblemAnswers.DescribeAsync).AddDocumentTransformer((document, _, _) =>
        {
            // The API is where the document is: a server named from the request's Host header would be the caller's to choose.
            document.Servers = [new OpenApiServer { Url = "/" }];
            document.Info = new OpenApiInfo { Title = "Billing API", Version = "v1", Description = "Seat-based subscription billing (see API.md)." };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
            };
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication UseBillingHosting(this WebApplication app)
    {
        app.UseBillingResponseHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            var problem = status switch
            {
                StatusCodes.Status404NotFound => Problems.NotFound(),
                StatusCodes.Status405MethodNotAllowed => Problems.Code(status, ErrorCode.InvalidRequest, "This route does not take this method."),
                StatusCodes.Status401Unauthorized => Problems.Unauthenticated(),
                StatusCodes.Status403Forbidden => Problems.Code(status, ErrorCode.Forbidden, "This caller may not do this."),
                StatusCodes.Status415UnsupportedMediaType => Problems.Code(status, ErrorCode.InvalidRequest, "Send the body as application/json."),
                _ => Problems.Code(status, status >= 500 ? ErrorCode.InternalError : ErrorCode.InvalidRequest, "The request could not be handled."),
            };
            await problem.ExecuteAsync(context.HttpContext);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/api/openapi.json").AllowAnonymous().WithName("OpenApi");
        return app;
    }
}
