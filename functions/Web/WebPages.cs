using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Functions.Http;
using Billing.Infra.Configuration;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Web;

/// <summary>
/// The billing tab as a web page (API.md, "Web pages"): one HTML shell for every page (the tab, the
/// invoice list and one invoice that emails link to, the confirmation of a held payment, and sales' back office), which loads the
/// <c>&lt;billing-page&gt;</c> component and carries this deployment's sign-in and payment settings,
/// and the built assets. The pages are public: everything they show comes from the API with the
/// caller's token, which never travels in a URL to the server.
/// </summary>
public static class WebPages
{
    public static WebApplication MapWebPages(this WebApplication app)
    {
        var pages = app.MapGroup("/billing").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/sales", Page).WithName("SalesPage"); // the back office (billing.sales): a literal route, chosen before {spaceId}
        pages.MapGet("/{spaceId}", Page).WithName("BillingPage");
        pages.MapGet("/{spaceId}/invoices", Page).WithName("InvoiceListPage");
        pages.MapGet("/{spaceId}/invoices/{invoiceId}", Page).WithName("InvoicePage");
        pages.MapGet("/{spaceId}/invoices/{invoiceId}/confirm", Page).WithName("PaymentConfirmationPage");
        pages.MapGet("/assets/{file}", Asset).WithName("BillingPageAssets");
        return app;
    }

    public static WebPageConfig ConfigOf(IConfiguration configuration, StripeOptions stripe, PayPalOptions paypal, PaymentsOptions payments)
    {
        var authority = configuration["Auth:Authority"];
        var clientId = configuration["Web:ClientId"];
        return new WebPageConfig(
            FragmentTokens: string.Equals(configuration["Billing:Clock"], "test", StringComparison.OrdinalIgnoreCase),
            SignIn: string.IsNullOrWhiteSpace(authority) || string.IsNullOrWhiteSpace(clientId)
                ? null
                : new WebSignInConfig(authority, clientId, configuration["Web:Scope"] ?? "openid profile"),
            Sandbox: payments.Sandbox,
            StripePublishableKey: stripe.Enabled ? configuration["Stripe:PublishableKey"] : null,
            PayPal: paypal.Enabled);
    }

    private static IResult Page(HttpContext http, IConfiguration configuration, IOptions<StripeOptions> stripe, IOptions<PayPalOptions> paypal, IOptions<PaymentsOptions> payments)
    {
        var config = ConfigOf(configuration, stripe.Value, paypal.Value, payments.Value);
        var json = JsonSerializer.Serialize(config, ApiJson.Options).Replace("<", "\\u003c", StringComparison.Ordinal);
        var stripeOrigin = config.StripePublishableKey is null ? string.Empty : " https://js.stripe.com";
        var authorityOrigin = config.SignIn is { Authority: var a } && Uri.TryCreate(a, UriKind.Absolute, out var au) ? $" {au.GetLeftPart(UriPartial.Authority)}" : string.Empty;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self'{stripeOrigin}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            $"connect-src 'self'{authorityOrigin}{(stripeOrigin.Length > 0 ? " https://api.stripe.com" : string.Empty)}; frame-src{(stripeOrigin.Length > 0 ? " https://js.stripe.com https://hooks.stripe.com" : " 'none'")}; " +
            "frame-ancestors 'self'; base-uri 'none'; form-action 'self'";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers.CacheControl = "no-store";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>Billing</title>
            <link rel="stylesheet" href="/billing/assets/page.css">
            <script type="application/json" id="billing-config">{json}</script>
            <script type="module" src="/billing/assets/billing.js"></script>
            </head>
            <body>
            <billing-page></billing-page>
            <noscript>This page needs JavaScript.</noscript>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static IResult Asset(string file, HttpContext http, WebAssets assets)
    {
        if (assets.Find(file) is not { } asset)
        {
            return Problems.NotFound();
        }

        var headers = http.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers["X-Content-Type-Options"] = "nosniff";
        headers.Vary = "Accept-Encoding";
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode((int)HttpStatusCode.NotModified);
        }

        if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(asset.Gzipped, asset.ContentType);
        }

        return Results.Bytes(asset.Bytes, asset.ContentType);
    }
}
