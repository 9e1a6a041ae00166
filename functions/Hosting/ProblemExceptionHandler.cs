using System.Text.Json;
using Billing.Core.Common;
using Billing.Functions.Http;
using Billing.Infra.Payments;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Billing.Functions.Hosting;

/// <summary>
/// The last line: no exception leaves as a bare 500. Malformed or oversized input is the caller's
/// 4xx, a storage outage is 503 with Retry-After (nothing was written: every write is one
/// transaction), and anything else a 500 problem without internals.
/// </summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Code(StatusCodes.Status413PayloadTooLarge, ErrorCode.InvalidRequest, "The request body is too large."),
            BadHttpRequestException { InnerException: JsonException json } => NotReadable(json),
            BadHttpRequestException bad => Problems.Code(StatusCodes.Status400BadRequest, ErrorCode.InvalidRequest, Describe(bad)),
            JsonException json => NotReadable(json),
            StorageUnavailableException or ConcurrencyConflictException => Problems.StorageUnavailable(),
            PaymentProviderUnavailableException => Problems.PaymentProviderUnavailable(),
            _ => null,
        };

        if (problem is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Code(StatusCodes.Status500InternalServerError, ErrorCode.InternalError, "Something went wrong on our side; nothing was changed. Try again.");
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    // The framework's messages name our types (Billing.Functions.Requests.ChangeBody): only the status code's meaning goes out.
    private static string Describe(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => "The request could not be read.",
    };

    // A body that is not JSON, or not of the expected shape: the field is named by its JSON path, the types behind it are not.
    private static ApiProblem NotReadable(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        return Problems.Invalid(
            new Dictionary<string, string[]> { [field] = ["Not valid JSON here, not of the expected type (a number is a JSON number), or a key given twice."] },
            "The request body is not valid JSON of the expected shape.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure of {Method} {Path}.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
