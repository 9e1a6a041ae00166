using Billing.Core.Subscriptions;
using Billing.Functions.Http;
using Billing.Functions.Views;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Endpoints;

/// <summary>
/// I4: sales sees the open and overdue invoices of every space in one list, oldest due date first, with the amount
/// still due, read from the <see cref="ReceivableIndex"/> and never by scanning the spaces.
/// </summary>
public static class ReceivableEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    public static RouteGroupBuilder MapReceivables(this RouteGroupBuilder api)
    {
        api.MapGet("/receivables", ListReceivables).WithName("ListReceivables")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<PageView<ReceivableView>>, ApiProblem>> ListReceivables(
        HttpContext http, int? pageSize, string? continuationToken, ReceivableIndex receivables, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.GetCaller() is not { } caller)
        {
            return Problems.Unauthenticated();
        }

        if (Access.RequireSales(caller) is { } denied)
        {
            return Problems.From(denied);
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("pageSize", $"From 1 to {MaxPageSize}.");
        }

        try
        {
            var (items, next) = await receivables.ListAsync(pageSize ?? DefaultPageSize, continuationToken, cancellationToken);
            var now = clock.GetUtcNow();
            return TypedResults.Ok(new PageView<ReceivableView>([.. items.Select(i => ReceivableView.Of(i, now, caller))], next));
        }
        catch (ArgumentException)
        {
            return Problems.Invalid("continuationToken", "Not a token this list gave out.");
        }
    }
}
