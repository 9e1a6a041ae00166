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
        // Every route needs an authenticated caller; the few public ones (health, plans, webhooks) say AllowAnonymous.
        app.MapGroup("/api")
            .RequireAuthorization()
            .MapOperations()
            .MapDirectory()
            .MapSubscriptions()
            .MapOwnership()
            .MapWebhooks()
            .MapInvoices();
        return app;
    }
}
