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
            BadHttpRequestException bad => Problems.Code(StatusCodes.Status400BadRequest, ErrorCode.InvalidRequest, Describe(bad)),
            JsonException => Problems.Code(StatusCodes.Status400BadRequest, ErrorCode.InvalidRequest, "The request body is not valid JSON."),
            StorageUnavailableException => Problems.StorageUnavailable(),
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

    // The framework's message names the parameter and the type; it reveals nothing of ours.
    private static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json ? $"The request body is not valid JSON: {json.Message}" : exception.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure of {Method} {Path}.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
