using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Http;

/// <summary>
/// A problem answer (RFC 9457) with the stable <c>code</c> of API.md: the typed result every endpoint
/// returns for its 4xx and 5xx (<c>Results&lt;Ok&lt;T&gt;, ApiProblem&gt;</c>). Written by ASP.NET Core's
/// problem-details writer, so its body is that of <c>TypedResults.Problem</c>. Which statuses an
/// operation answers is declared on its route (<see cref="ProblemAnswers"/>), for the OpenAPI document.
/// </summary>
public sealed class ApiProblem : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    private readonly ProblemHttpResult inner;
    private readonly bool retryAfter;

    internal ApiProblem(ProblemDetails details, string code, bool retryAfter = false)
    {
        inner = TypedResults.Problem(details);
        Code = code;
        this.retryAfter = retryAfter;
    }

    /// <summary>The stable machine-readable code (<c>not_found</c>, <c>invalid_request</c>, ...).</summary>
    public string Code { get; }

    public ProblemDetails Value => inner.ProblemDetails;

    object? IValueHttpResult.Value => inner.ProblemDetails;

    public int StatusCode => inner.StatusCode;

    int? IStatusCodeHttpResult.StatusCode => inner.StatusCode;

    public string ContentType => inner.ContentType;

    /// <summary>The same problem, telling the caller to retry in a few seconds (503).</summary>
    internal ApiProblem WithRetryAfter() => new(inner.ProblemDetails, Code, retryAfter: true);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return inner.ExecuteAsync(httpContext);
    }
}
