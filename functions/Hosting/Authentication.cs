using Billing.Core.Common;
using Billing.Functions.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Billing.Functions.Hosting;

/// <summary>
/// Bearer tokens as API.md says, and App Service's principal header when trusted. Every endpoint
/// needs an authenticated caller unless it says <c>AllowAnonymous</c>; failures answer
/// problem+json (<c>unauthenticated</c>, <c>forbidden</c>).
/// </summary>
public static class Authentication
{
    private const string Selector = "BearerOrAppService";

    public static IServiceCollection AddBillingAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var builder = services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, Selector, o => o.ForwardDefaultSelector = http =>
                auth.TrustAppServicePrincipal && http.Request.Headers.ContainsKey(AppServicePrincipalHandler.Header)
                    ? AppServicePrincipalHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.RequireHttpsMetadata = !string.IsNullOrEmpty(auth.Authority) && auth.Authority.StartsWith("https", StringComparison.Ordinal);
                o.Authority = string.IsNullOrWhiteSpace(auth.Authority) ? null : auth.Authority;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    NameClaimType = "sub",
                    RoleClaimType = "roles",
                    ClockSkew = TimeSpan.FromMinutes(1),
                    ValidAlgorithms = string.IsNullOrWhiteSpace(auth.Authority) ? [SecurityAlgorithms.HmacSha256] : [SecurityAlgorithms.RsaSha256],
                    IssuerSigningKey = SigningKeyOf(auth),
                };
                o.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        await Problems.Unauthenticated().ExecuteAsync(context.HttpContext);
                    },
                    OnForbidden = context => Problems.Code(StatusCodes.Status403Forbidden, ErrorCode.Forbidden, "This caller may not do this.").ExecuteAsync(context.HttpContext),
                };
            });
        if (auth.TrustAppServicePrincipal)
        {
            builder.AddScheme<AuthenticationSchemeOptions, AppServicePrincipalHandler>(AppServicePrincipalHandler.SchemeName, null);
        }

        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    private static SymmetricSecurityKey? SigningKeyOf(AuthOptions auth)
    {
        if (string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            return null;
        }

        try
        {
            return new SymmetricSecurityKey(auth.SigningKeyBytes());
        }
        catch (FormatException)
        {
            return null; // start-up validation reports it
        }
    }
}
