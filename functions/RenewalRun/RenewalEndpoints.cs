using System.Text.Json;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions.Hosting;
using Billing.Functions.Http;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Billing.Functions.RenewalRun;

/// <summary>
/// The renewal run's ways in: <c>POST /api/operations/renewal-run</c> for operators, and the timer and
/// queue invocations of the Functions host (<c>POST /RenewalRun</c>, <c>POST /RenewalBatch</c>), which
/// exist only when the host started this server.
/// </summary>
public static class RenewalEndpoints
{
    public const string TimerFunction = "RenewalRun";
    public const string QueueFunction = "RenewalBatch";

    public static WebApplication MapRenewals(this WebApplication app)
    {
        app.MapPost("/api/operations/renewal-run", RunNow).WithName("RunRenewals").RequireAuthorization()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable);
        if (CustomHandler.IsHosted(app.Configuration))
        {
            var invocations = app.MapGroup("").AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(CustomHandler.OnlyFromHost);
            invocations.MapPost($"/{TimerFunction}", OnTimer);
            invocations.MapPost($"/{QueueFunction}", OnQueueMessage);
        }

        return app;
    }

    private static async Task<Results<Ok<RenewalSummary>, ApiProblem>> RunNow(HttpContext http, RenewalPass pass, IOptions<RenewalOptions> options, CancellationToken cancellationToken)
    {
        if (http.RequireOperator() is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(await pass.RunAsync(options.Value, cancellationToken));
    }

    private static async Task<IResult> OnTimer(RenewalPass pass, IOptions<RenewalOptions> options, CancellationToken cancellationToken)
    {
        var summary = await pass.RunAsync(options.Value, cancellationToken);
        return InvocationResult(summary);
    }

    // The host forwards { "Data": { "batch": <the message, a string or an object> }, "Metadata": { ... } }.
    private static async Task<IResult> OnQueueMessage(JsonElement invocation, RenewalPass pass, CancellationToken cancellationToken)
    {
        if (invocation.ValueKind != JsonValueKind.Object || !invocation.TryGetProperty("Data", out var data)
            || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("batch", out var message))
        {
            return Problems.Invalid("Data.batch", "The queue message is missing.");
        }

        if (!RenewalBatches.TryParse(message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText(), out var batch))
        {
            return Problems.Invalid("Data.batch", "A renewal batch lists spaces, each a valid id with the time it was due.");
        }

        return InvocationResult(await pass.RunBatchAsync(batch, cancellationToken));
    }

    // The host reads the invocation answer by its PascalCase names.
    private static readonly JsonSerializerOptions InvocationJson = new() { PropertyNamingPolicy = null };

    private static IResult InvocationResult(RenewalSummary summary) =>
        Results.Json(new { Outputs = new { }, Logs = new[] { JsonSerializer.Serialize(summary, ApiJson.Options) }, ReturnValue = (object?)null }, InvocationJson);
}
