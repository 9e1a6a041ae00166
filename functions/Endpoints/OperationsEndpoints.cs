using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;
using Billing.Infra.Storage;

namespace Billing.Functions.Endpoints;

/// <summary>Health, the price catalog, and the test clock.</summary>
public static class OperationsEndpoints
{
    public static RouteGroupBuilder MapOperations(this RouteGroupBuilder api)
    {
        api.MapMethods("/health", [HttpMethods.Get, HttpMethods.Head], Health).WithName("Health").AllowAnonymous();
        api.MapGet("/plans", (PriceCatalog catalog) => Results.Json(PlansView.Of(catalog), ApiJson.Options)).WithName("Plans").AllowAnonymous();
        api.MapPut("/operations/clock", SetClock).WithName("SetClock");
        return api;
    }

    private static async Task<IResult> Health(BillingStorage storage, CancellationToken cancellationToken) =>
        await storage.IsHealthyAsync(cancellationToken)
            ? Results.Json(new { status = "healthy" }, ApiJson.Options)
            : Problems.StorageUnavailable();

    private static IResult SetClock(ClockBody? body, HttpContext http, TimeProvider clock)
    {
        // Outside test mode the route does not exist (API.md).
        if (clock is not TestClock testClock)
        {
            return Problems.NotFound();
        }

        if (http.GetCaller() is not { } caller)
        {
            return Problems.Unauthenticated();
        }

        if (!caller.Has(ServiceRoles.Operator))
        {
            return Problems.Code(StatusCodes.Status403Forbidden, ErrorCode.Forbidden, "Only operators (billing.operator) set the clock.");
        }

        if (body?.Now is not { } now)
        {
            return Problems.Invalid("now", "An ISO 8601 UTC time is required.");
        }

        testClock.Set(now);
        return Results.Json(new { now = testClock.GetUtcNow() }, ApiJson.Options);
    }
}
