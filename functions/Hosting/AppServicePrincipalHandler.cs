using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Hosting;

/// <summary>
/// Reads the principal App Service authentication puts in <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON
/// of <c>{ auth_typ, name_typ, role_typ, claims: [{ typ, val }] }</c>). Registered only when
/// <see cref="AuthOptions.TrustAppServicePrincipal"/> is on.
/// </summary>
public sealed class AppServicePrincipalHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].ToString() is not { Length: > 0 } encoded)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            var root = document.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var r) ? r.GetString() : null;
            var claims = new List<Claim>();
            foreach (var claim in root.GetProperty("claims").EnumerateArray())
            {
                var type = claim.GetProperty("typ").GetString() ?? string.Empty;
                var value = claim.GetProperty("val").GetString() ?? string.Empty;
                claims.Add(new Claim(type == roleType ? "roles" : type, value));
            }

            var identity = new ClaimsIdentity(claims, SchemeName, "sub", "roles");
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Task.FromResult(AuthenticateResult.Fail("X-MS-CLIENT-PRINCIPAL is not a valid principal."));
        }
    }
}
