using Billing.Functions.Http;

namespace Billing.Functions.Endpoints;

/// <summary>
/// The endpoint table: every function of the app, in route groups. Every <c>/api</c> route needs an
/// authenticated caller (the group's <c>RequireAuthorization</c>) but the public ones API.md names, which
/// say <c>AllowAnonymous</c>. Each group declares the problems its routes answer, for the OpenAPI
/// document. Each endpoint has a name (<c>WithName</c>), its function name in the generated <c>function.json</c>.
/// </summary>
public static class BillingEndpoints
{
    public static WebApplication MapBillingEndpoints(this WebApplication app)
    {
        // The Functions host waits until GET / answers before it forwards anything.
        app.MapGet("/", () => Results.Ok()).ExcludeFromDescription().AllowAnonymous();

        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapPublic();
        api.MapGroup("/webhooks").AllowAnonymous()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
            .MapWebhooks();

        var callers = api.MapGroup("").ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status503ServiceUnavailable);
        callers.MapGroup("/operations").MapOperations();
        callers.MapReceivables();
        callers.MapGroup("/spaces/{spaceId}")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .MapDirectory()
            .MapSubscriptions()
            .MapOwnership()
            .MapInvoices();
        return app;
    }
}
