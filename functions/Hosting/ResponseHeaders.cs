using Billing.Core.Common;
using Billing.Functions.Http;

namespace Billing.Functions.Hosting;

/// <summary>
/// What every answer carries, and the one request limit Kestrel would otherwise answer without a body.
/// Billing answers hold seat counts, card summaries, addresses and invoices: no shared or browser
/// cache keeps them (<c>Cache-Control: no-store</c>), and no browser guesses another type for a PDF
/// or a JSON body (<c>X-Content-Type-Options: nosniff</c>). Set on every answer, problems included,
/// since the public ones (plans, health, OpenAPI) are cheap to ask for again.
/// </summary>
public static class ResponseHeaders
{
    /// <summary>The headers of a request, together, beyond which it is refused with 431 (Kestrel's own default).</summary>
    public const int MaxRequestHeadersBytes = 32 * 1024;

    /// <summary>Kestrel's limit, kept above ours so that the app, not Kestrel, answers 431 (with a problem body).</summary>
    public const int KestrelRequestHeadersBytes = 8 * MaxRequestHeadersBytes;

    public static WebApplication UseBillingResponseHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers.CacheControl = "no-store";
                headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context);

            if (HeadersSize(context.Request.Headers) > MaxRequestHeadersBytes)
            {
                await Problems.Code(StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorCode.InvalidRequest, $"The request's headers are over {MaxRequestHeadersBytes / 1024} KiB together.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static long HeadersSize(IHeaderDictionary headers)
    {
        long size = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                size += name.Length + (value?.Length ?? 0) + 4; // ": " and CRLF
            }
        }

        return size;
    }
}
