using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Functions.Http;

namespace Billing.Functions.Endpoints;

/// <summary>What every billing endpoint reads from a request first: the caller, the space id of the route, the request id.</summary>
public static class RequestContext
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The caller and the route's space id, or the problem to answer (401 without a caller, 400 for a bad id).</summary>
    public static (Caller Caller, SpaceId Space, IResult? Problem) Read(HttpContext http, string spaceId)
    {
        var caller = http.GetCaller();
        if (caller is null)
        {
            return (null!, default, Problems.Unauthenticated());
        }

        return SpaceId.TryParse(spaceId, out var id)
            ? (caller, id, null)
            : (caller, default, Problems.Invalid("spaceId", "An id of 1 to 64 characters from [A-Za-z0-9_-]."));
    }

    /// <summary>
    /// The request's id for the audit trail (A1): the server's own (the request id of its logs), and
    /// beside it the caller's <c>X-Request-Id</c> when that is a sane id (<c>{server};client={caller}</c>).
    /// A caller's id alone could name another request, or many.
    /// </summary>
    public static string RequestId(HttpContext http) =>
        http.Request.Headers["X-Request-Id"].ToString() is { Length: > 0 and <= 64 } given && Identifier.IsValid(given)
            ? $"{http.TraceIdentifier};client={given}"
            : http.TraceIdentifier;

    /// <summary>
    /// The <c>Idempotency-Key</c>, scoped to the caller (another caller's same key is a request of its
    /// own), and a hash of what it asks (method, path, body), or the problem of a malformed key.
    /// Without the header both are null.
    /// </summary>
    public static (string? Key, string? Hash, IResult? Problem) Idempotency<TBody>(HttpContext http, Caller caller, TBody body)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length == 0)
        {
            return (null, null, null);
        }

        if (key.Length > 255 || key.Any(char.IsControl))
        {
            return (null, null, Problems.Invalid(IdempotencyKeyHeader, "At most 255 printable characters."));
        }

        var what = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(body, ApiJson.Options)}";
        return ($"{caller.AuditName}\n{key}", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(what))), null);
    }
}
