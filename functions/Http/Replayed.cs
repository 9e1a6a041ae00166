namespace Billing.Functions.Http;

/// <summary>
/// The stored answer to an <c>Idempotency-Key</c> already used by the same caller with the same request,
/// sent back byte for byte as it was first answered (API.md).
/// </summary>
public sealed class Replayed(int status, string json) : IResult, IStatusCodeHttpResult
{
    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public Task ExecuteAsync(HttpContext httpContext) => Results.Text(json, "application/json", statusCode: status).ExecuteAsync(httpContext);
}
