using Billing.Core.Common;

namespace Billing.Functions.Http;

/// <summary>
/// The one problem-details factory (RFC 9457): every 4xx and 5xx the app answers carries
/// <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> and the stable <c>code</c> of API.md.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult From(DomainError error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.ApiCode };
        if (!error.Related.IsDefaultOrEmpty)
        {
            extensions["related"] = error.Related;
        }

        return Problem(StatusOf(error.Code), error.ApiCode, error.Detail, extensions);
    }

    /// <summary>A malformed or ill-typed request, with the messages for each field.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors, string detail = "The request is not valid.") =>
        Results.ValidationProblem(
            errors,
            detail,
            type: TypeOf("invalid_request"),
            title: "invalid_request",
            extensions: new Dictionary<string, object?> { ["code"] = "invalid_request" });

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static IResult Code(int status, string code, string detail) =>
        Problem(status, code, detail, new Dictionary<string, object?> { ["code"] = code });

    public static IResult Unauthenticated() => Code(StatusCodes.Status401Unauthorized, "unauthenticated", "A valid bearer token is required.");

    public static IResult NotFound() => From(Errors.NotFound());

    /// <summary>503 with <c>Retry-After</c>: storage did not answer, or stayed too busy to take the change; nothing was written.</summary>
    public static IResult StorageUnavailable() =>
        new WithRetryAfter(Code(StatusCodes.Status503ServiceUnavailable, "storage_unavailable", "Storage is not answering; nothing was changed. Try again shortly."));

    public static IResult PaymentProviderUnavailable() =>
        new WithRetryAfter(Code(StatusCodes.Status503ServiceUnavailable, "payment_provider_unavailable", "The payment provider is not answering; nothing was changed or charged. Try again shortly."));

    public static int StatusOf(ErrorCode code) => code switch
    {
        ErrorCode.InvalidRequest => StatusCodes.Status400BadRequest,
        ErrorCode.PaymentFailed or ErrorCode.PaymentMethodMissing => StatusCodes.Status402PaymentRequired,
        ErrorCode.Forbidden or ErrorCode.NotBillingOwner => StatusCodes.Status403Forbidden,
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.AlreadySubscribed or ErrorCode.NotSubscribed or ErrorCode.TeamInPaidOrganization or ErrorCode.TeamsAlreadyPaid
            or ErrorCode.ContactSales or ErrorCode.TrialAlreadyUsed or ErrorCode.BillingOwnerMustTransferFirst => StatusCodes.Status409Conflict,
        ErrorCode.TierNotOnSale or ErrorCode.SeatCountNotOffered or ErrorCode.SeatsBelowMembers or ErrorCode.BillingOwnerNotMember
            or ErrorCode.InvoicePaymentNotEligible => StatusCodes.Status422UnprocessableEntity,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    private static IResult Problem(int status, string code, string detail, Dictionary<string, object?> extensions) =>
        Results.Problem(detail: detail, statusCode: status, title: code, type: TypeOf(code), extensions: extensions);

    private sealed class WithRetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "5";
            return inner.ExecuteAsync(httpContext);
        }
    }

    private static string TypeOf(string code) => $"https://billing.example/problems/{code}";
}
