namespace Billing.Functions.Endpoints;

/// <summary>
/// The endpoint table: every function of the app. Each endpoint has a name (<c>WithName</c>), which
/// is its function name in the generated <c>function.json</c>.
/// </summary>
public static class BillingEndpoints
{
    public static WebApplication MapBillingEndpoints(this WebApplication app)
    {
        // The Functions host waits until GET / answers before it forwards anything.
        app.MapGet("/", () => Results.Ok()).ExcludeFromDescription().AllowAnonymous();
        app.MapGroup("/api")
            .MapOperations()
            .MapDirectory()
            .MapSubscriptions()
            .MapOwnership()
            .MapWebhooks()
            .MapInvoices();
        return app;
    }
}
