using System.Text;
using Billing.Core.Common;
using Billing.Core.Payments;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Infra.Configuration;
using Billing.Infra.Payments.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Endpoints;

/// <summary>
/// The providers' webhooks (P3). Anonymous: the signature is the authentication, checked on the raw
/// body before anything is stored. Then each event is recorded once with its raw body, applied once
/// through core, and answered 200, duplicates and events about unknown objects included, so that the
/// provider stops resending; a storage outage answers 503 and the provider retries.
/// </summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder webhooks)
    {
        webhooks.MapPost("/stripe", FromStripe).WithName("StripeWebhook");
        webhooks.MapPost("/paypal", FromPayPal).WithName("PayPalWebhook");
        return webhooks;
    }

    private static async Task<Results<Ok<WebhookAnswer>, ApiProblem>> FromStripe(HttpContext http, StripeOptions stripe, WebhookIntake intake, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(stripe.WebhookSecret))
        {
            return NotConfigured();
        }

        var body = Encoding.UTF8.GetString(await ReadRawAsync(http, cancellationToken));
        if (!StripeWebhook.IsSigned(body, http.Request.Headers["Stripe-Signature"], stripe.WebhookSecret, TimeProvider.System.GetUtcNow()))
        {
            return SignatureInvalid();
        }

        return await intake.AcceptAsync(PaymentProvider.Stripe, body, StripeWebhook.Read, cancellationToken);
    }

    private static async Task<Results<Ok<WebhookAnswer>, ApiProblem>> FromPayPal(HttpContext http, PayPalOptions paypal, IServiceProvider services, WebhookIntake intake, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(paypal.WebhookId) || services.GetService<PayPalSignature>() is not { } signature)
        {
            return NotConfigured();
        }

        var raw = await ReadRawAsync(http, cancellationToken);
        var headers = http.Request.Headers;
        var transmission = new PayPalTransmission(
            headers["PAYPAL-TRANSMISSION-ID"], headers["PAYPAL-TRANSMISSION-TIME"], headers["PAYPAL-TRANSMISSION-SIG"], headers["PAYPAL-CERT-URL"], headers["PAYPAL-AUTH-ALGO"]);
        if (!await signature.IsSignedAsync(raw, transmission, paypal.WebhookId, cancellationToken))
        {
            return SignatureInvalid();
        }

        return await intake.AcceptAsync(PaymentProvider.PayPal, Encoding.UTF8.GetString(raw), PayPalWebhook.Read, cancellationToken);
    }

    // Which settings are missing is for the operator's README, not for whoever posts here.
    private static ApiProblem NotConfigured() =>
        Problems.Code(StatusCodes.Status404NotFound, ErrorCode.NotFound, "This provider's webhook is not enabled here.");

    private static ApiProblem SignatureInvalid() =>
        Problems.Code(StatusCodes.Status400BadRequest, ErrorCode.WebhookSignatureInvalid, "The signature of this event is missing, wrong or too old; nothing was stored.");

    private static async Task<byte[]> ReadRawAsync(HttpContext http, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
