using Billing.Core.Common;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Http;

/// <summary>
/// The one problem-details factory (RFC 9457): every 4xx and 5xx the app answers carries
/// <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> and the stable <c>code</c> of API.md.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ApiProblem From(DomainError error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.ApiCode };
        if (!error.Related.IsDefaultOrEmpty)
        {
            extensions["related"] = error.Related;
        }

        if (!error.Teams.IsDefaultOrEmpty)
        {
            extensions["teams"] = error.Teams.Select(t => new { spaceId = t.SpaceId.Value, billingOwnerId = t.BillingOwnerId?.Value }).ToArray();
        }

        return Problem(StatusOf(error.Code), error.Code, error.Detail, extensions);
    }

    /// <summary>A malformed or ill-typed request, with the messages for each field.</summary>
    public static ApiProblem Invalid(IDictionary<string, string[]> errors, string detail = "The request is not valid.") =>
        Problem(
            new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest },
            ErrorCode.InvalidRequest,
            detail,
            new Dictionary<string, object?> { ["code"] = ErrorCode.InvalidRequest.ToApiCode() });

    public static ApiProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] }, message);

    /// <summary>A problem whose status is not the code's usual one (405, 413, 415 are <c>invalid_request</c> too).</summary>
    public static ApiProblem Code(int status, ErrorCode code, string detail) =>
        Problem(status, code, detail, new Dictionary<string, object?> { ["code"] = code.ToApiCode() });

    public static ApiProblem Unauthenticated() => Code(StatusCodes.Status401Unauthorized, ErrorCode.Unauthenticated, "A valid bearer token is required.");

    public static ApiProblem NotFound() => From(Errors.NotFound());

    /// <summary>503 with <c>Retry-After</c>: the invoice is still being numbered and rendered by the write pipeline; reads never finish it themselves.</summary>
    public static ApiProblem NotFinished() =>
        Code(StatusCodes.Status503ServiceUnavailable, ErrorCode.StorageUnavailable, "The invoice is still being issued; its PDF is not stored yet. Try again shortly.").WithRetryAfter();

    /// <summary>503 with <c>Retry-After</c>: storage did not answer, or stayed too busy to take the change; nothing was written.</summary>
    public static ApiProblem StorageUnavailable() =>
        Code(StatusCodes.Status503ServiceUnavailable, ErrorCode.StorageUnavailable, "Storage is not answering; nothing was changed. Try again shortly.").WithRetryAfter();

    public static ApiProblem PaymentProviderUnavailable() =>
        Code(StatusCodes.Status503ServiceUnavailable, ErrorCode.PaymentProviderUnavailable, "The payment provider is not answering; nothing was changed or charged. Try again shortly.").WithRetryAfter();

    public static int StatusOf(ErrorCode code) => code switch
    {
        ErrorCode.InvalidRequest or ErrorCode.WebhookSignatureInvalid => StatusCodes.Status400BadRequest,
        ErrorCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCode.PaymentFailed or ErrorCode.PaymentMethodMissing => StatusCodes.Status402PaymentRequired,
        ErrorCode.Forbidden or ErrorCode.NotBillingOwner => StatusCodes.Status403Forbidden,
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.AlreadySubscribed or ErrorCode.NotSubscribed or ErrorCode.TeamInPaidOrganization or ErrorCode.TeamsAlreadyPaid
            or ErrorCode.ContactSales or ErrorCode.TrialAlreadyUsed or ErrorCode.BillingOwnerMustTransferFirst or ErrorCode.InvoiceNotOpen or ErrorCode.InvoiceNotPaid => StatusCodes.Status409Conflict,
        ErrorCode.TierNotOnSale or ErrorCode.SeatCountNotOffered or ErrorCode.SeatsBelowMembers or ErrorCode.BillingOwnerNotMember
            or ErrorCode.InvoicePaymentNotEligible or ErrorCode.IdempotencyKeyReused or ErrorCode.TaxIdInvalid or ErrorCode.PaymentExceedsAmountDue or ErrorCode.RefundExceedsPaid => StatusCodes.Status422UnprocessableEntity,
        ErrorCode.InternalError => StatusCodes.Status500InternalServerError,
        ErrorCode.StorageUnavailable or ErrorCode.PaymentProviderUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    private static ApiProblem Problem(int status, ErrorCode code, string detail, Dictionary<string, object?> extensions) =>
        Problem(new ProblemDetails { Status = status }, code, detail, extensions);

    private static ApiProblem Problem(ProblemDetails details, ErrorCode code, string detail, Dictionary<string, object?> extensions)
    {
        details.Detail = detail;
        details.Title = code.ToApiCode();
        details.Type = TypeOf(code);
        foreach (var (name, value) in extensions)
        {
            details.Extensions[name] = value;
        }

        return new ApiProblem(details, code.ToApiCode());
    }

    private static string TypeOf(ErrorCode code) => $"https://billing.example/problems/{code.ToApiCode()}";
}
