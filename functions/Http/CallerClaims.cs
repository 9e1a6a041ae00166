using System.Security.Claims;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;

namespace Billing.Functions.Http;

/// <summary>
/// The caller of a request, from the authenticated principal (API.md): <c>sub</c> is the user id,
/// <c>roles</c> (one claim per role) grants the service roles. Only <c>roles</c>: inbound claims are not
/// mapped, so a token carrying .NET's long role claim type (or <c>role</c>, <c>scp</c>) grants nothing;
/// App Service's principal header is read into <c>roles</c> by its handler.
/// </summary>
public static class CallerClaims
{
    public static Caller? GetCaller(this HttpContext http) => FromPrincipal(http.User);

    /// <summary>Null when core lets the caller in as an operator (<c>billing.operator</c>); otherwise the problem to answer (401, 403).</summary>
    public static ApiProblem? RequireOperator(this HttpContext http)
    {
        if (http.GetCaller() is not { } caller)
        {
            return Problems.Unauthenticated();
        }

        return Access.RequireOperator(caller) is { } denied ? Problems.From(denied) : null;
    }

    public static Caller? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || !UserId.TryParse(principal.FindFirst("sub")?.Value, out var user))
        {
            return null;
        }

        var roles = ServiceRoles.None;
        foreach (var claim in principal.FindAll("roles"))
        {
            roles |= claim.Value switch
            {
                "billing.directory" => ServiceRoles.Directory,
                "billing.sales" => ServiceRoles.Sales,
                "billing.operator" => ServiceRoles.Operator,
                _ => ServiceRoles.None,
            };
        }

        return Caller.Person(user, roles);
    }
}
