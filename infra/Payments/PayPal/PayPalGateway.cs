using System.Globalization;
using System.Net;
using System.Text.Json;
using Billing.Core.Effects;
using Billing.Core.Payments;
using Billing.Infra.Configuration;

namespace Billing.Infra.Payments.PayPal;

/// <summary>
/// PayPal accounts (P1) through PayPal's REST API: vault setup tokens for the payer to approve in the
/// browser, payment tokens kept as the saved method (P2: the token and the payer's email only),
/// charges as orders paid at once with the vaulted token (the merchant-initiated, recurring kind), each
/// with the invoice's key as <c>PayPal-Request-Id</c> (R2), refunds by replaying that key to find the capture.
/// </summary>
public sealed class PayPalGateway(PayPalClient paypal, PayPalOptions options) : IPaymentGateway
{
    public PaymentProvider Provider => PaymentProvider.PayPal;

    public async Task<PaymentMethodSetup> StartSetupAsync(string customerReference, CancellationToken cancellationToken)
    {
        var returnUrl = options.ReturnUrl?.ToString();
        var response = await paypal.SendAsync(
            HttpMethod.Post,
            "v3/vault/setup-tokens",
            new
            {
                PaymentSource = new
                {
                    Paypal = new
                    {
                        UsageType = "MERCHANT",
                        UsagePattern = "SUBSCRIPTION_POSTPAID",
                        ExperienceContext = returnUrl is null ? null : new { ReturnUrl = returnUrl, CancelUrl = returnUrl },
                    },
                },
                Customer = new { MerchantCustomerId = customerReference },
            },
            $"setup:{customerReference}:{Guid.NewGuid():N}",
            cancellationToken).ConfigureAwait(false);
        Ensure(response, "create a vault setup token");
        return new PaymentMethodSetup(PaymentProvider.PayPal, null, response.Body.GetProperty("id").GetString(), Link(response.Body, "approve"));
    }

    /// <summary>The PayPal account behind a payment token, or behind an approved setup token (then vaulted now).</summary>
    public async Task<PaymentMethod?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        var found = await paypal.SendAsync(HttpMethod.Get, $"v3/vault/payment-tokens/{Uri.EscapeDataString(token)}", null, null, cancellationToken).ConfigureAwait(false);
        if (found.Status == HttpStatusCode.NotFound)
        {
            found = await paypal.SendAsync(
                HttpMethod.Post,
                "v3/vault/payment-tokens",
                new { PaymentSource = new { Token = new { Id = token, Type = "SETUP_TOKEN" } } },
                $"vault:{token}",
                cancellationToken).ConfigureAwait(false);
        }

        if ((int)found.Status is >= 400 and < 500)
        {
            return null;
        }

        Ensure(found, "read a payment token");
        return SummaryOf(found.Body);
    }

    public async Task<ChargeResult> ChargeAsync(Charge charge, CancellationToken cancellationToken)
    {
        var order = await CreateOrderAsync(charge, cancellationToken).ConfigureAwait(false);
        if (order.Status == HttpStatusCode.UnprocessableEntity)
        {
            return new ChargeDeclined(IssueOf(order.Body) ?? "UNPROCESSABLE_ENTITY");
        }

        Ensure(order, "create an order");
        var status = order.Body.GetProperty("status").GetString();
        if (status == "PAYER_ACTION_REQUIRED")
        {
            return new ChargeRequiresAction(order.Body.GetProperty("id").GetString()!, Link(order.Body, "payer-action") ?? Link(order.Body, "approve"));
        }

        return CaptureOf(order.Body) is { } capture && capture.Status is "COMPLETED" or "PENDING"
            ? new ChargeSucceeded(capture.Id)
            : new ChargeDeclined(CaptureOf(order.Body)?.Status ?? status ?? "DECLINED");
    }

    public async Task RefundAsync(Charge charge, CancellationToken cancellationToken)
    {
        // PayPal answers a repeated PayPal-Request-Id with the first order, which names the capture to refund.
        var order = await CreateOrderAsync(charge, cancellationToken).ConfigureAwait(false);
        if (!order.IsSuccess || CaptureOf(order.Body) is not { Status: "COMPLETED" or "PENDING" } capture)
        {
            return;
        }

        var refund = await paypal.SendAsync(
            HttpMethod.Post,
            $"v2/payments/captures/{Uri.EscapeDataString(capture.Id)}/refund",
            new { CustomId = ChargeReference.Of(charge).ToCustomId() },
            $"refund:{charge.IdempotencyKey}",
            cancellationToken).ConfigureAwait(false);
        Ensure(refund, "refund a capture");
    }

    public async Task<PaymentConfirmation?> ConfirmationAsync(string heldPayment, CancellationToken cancellationToken)
    {
        var order = await paypal.SendAsync(HttpMethod.Get, $"v2/checkout/orders/{Uri.EscapeDataString(heldPayment)}", null, null, cancellationToken).ConfigureAwait(false);
        return order.IsSuccess && order.Body.TryGetProperty("status", out var status) && status.GetString() == "PAYER_ACTION_REQUIRED"
            ? new PaymentConfirmation(PaymentProvider.PayPal, null, Link(order.Body, "payer-action") ?? Link(order.Body, "approve"))
            : null;
    }

    public static PaymentMethod SummaryOf(JsonElement paymentToken) =>
        PaymentMethod.Saved(
            PaymentProvider.PayPal,
            paymentToken.GetProperty("id").GetString()!,
            new PaymentMethodSummary(null, null, null, null, Path(paymentToken, "payment_source", "paypal", "email_address")));

    private Task<PayPalResponse> CreateOrderAsync(Charge charge, CancellationToken cancellationToken) =>
        paypal.SendAsync(
            HttpMethod.Post,
            "v2/checkout/orders",
            new
            {
                Intent = "CAPTURE",
                PurchaseUnits = new[]
                {
                    new
                    {
                        ReferenceId = charge.Invoice.Value,
                        CustomId = ChargeReference.Of(charge).ToCustomId(),
                        Description = $"Invoice {charge.Invoice}",
                        Amount = new
                        {
                            CurrencyCode = charge.Amount.Currency.Code,
                            Value = charge.Amount.ToMajorUnits().ToString("F" + charge.Amount.Currency.MinorUnitDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                        },
                    },
                },
                PaymentSource = new
                {
                    Paypal = new
                    {
                        VaultId = charge.PaymentMethod.Token,
                        StoredCredential = new { PaymentInitiator = "MERCHANT", Usage = "SUBSEQUENT", UsagePattern = "SUBSCRIPTION_POSTPAID" },
                    },
                },
            },
            charge.IdempotencyKey,
            cancellationToken);

    private static (string Id, string? Status)? CaptureOf(JsonElement order) =>
        order.TryGetProperty("purchase_units", out var units) && units.GetArrayLength() > 0
        && units[0].TryGetProperty("payments", out var payments) && payments.TryGetProperty("captures", out var captures) && captures.GetArrayLength() > 0
            ? (captures[0].GetProperty("id").GetString()!, captures[0].TryGetProperty("status", out var s) ? s.GetString() : null)
            : null;

    private static string? IssueOf(JsonElement error) =>
        error.TryGetProperty("details", out var details) && details.GetArrayLength() > 0 && details[0].TryGetProperty("issue", out var issue) ? issue.GetString() : null;

    private static Uri? Link(JsonElement body, string rel)
    {
        if (!body.TryGetProperty("links", out var links))
        {
            return null;
        }

        foreach (var link in links.EnumerateArray())
        {
            if (link.TryGetProperty("rel", out var r) && r.GetString() == rel && Uri.TryCreate(link.GetProperty("href").GetString(), UriKind.Absolute, out var href))
            {
                return href;
            }
        }

        return null;
    }

    private static string? Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static void Ensure(PayPalResponse response, string what)
    {
        if (!response.IsSuccess)
        {
            throw new HttpRequestException($"PayPal refused to {what}: {(int)response.Status} {IssueOf(response.Body) ?? response.Body.ToString()}", null, response.Status);
        }
    }
}
