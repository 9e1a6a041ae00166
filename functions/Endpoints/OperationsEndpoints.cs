using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Endpoints;

/// <summary>Health, the price catalog (both anonymous), and the test clock.</summary>
public static class OperationsEndpoints
{
    public static RouteGroupBuilder MapPublic(this RouteGroupBuilder api)
    {
        api.MapMethods("/health", [HttpMethods.Get, HttpMethods.Head], Health).WithName("Health").AllowAnonymous()
            .ProducesProblems(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/plans", (PriceCatalog catalog) => TypedResults.Ok(PlansView.Of(catalog))).WithName("Plans").AllowAnonymous();
        return api;
    }

    public static RouteGroupBuilder MapOperations(this RouteGroupBuilder operations)
    {
        operations.MapPut("/clock", SetClock).WithName("SetClock")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return operations;
    }

    private static async Task<Results<Ok<HealthView>, ApiProblem>> Health(BillingStorage storage, CancellationToken cancellationToken) =>
        await storage.IsHealthyAsync(cancellationToken) ? TypedResults.Ok(new HealthView("healthy")) : Problems.StorageUnavailable();

    private static Results<Ok<ClockView>, ApiProblem> SetClock(ClockBody? body, HttpContext http, TimeProvider clock)
    {
        // Outside test mode the route does not exist (API.md).
        if (clock is not TestClock testClock)
        {
            return Problems.NotFound();
        }

        if (http.RequireOperator() is { } denied)
        {
            return denied;
        }

        if (body?.Now is not { } now)
        {
            return Problems.Invalid("now", "An ISO 8601 UTC time is required.");
        }

        testClock.Set(now);
        return TypedResults.Ok(new ClockView(testClock.GetUtcNow()));
    }
}

public sealed record HealthView(string Status);

public sealed record ClockView(DateTimeOffset Now);
