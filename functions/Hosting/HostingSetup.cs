namespace Billing.Functions.Hosting;

/// <summary>Cross-cutting HTTP concerns: JSON, problem details, authentication, limits, OpenAPI.</summary>
public static class HostingSetup
{
    public static IServiceCollection AddBillingHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication UseBillingHosting(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
