using System.Globalization;
using System.Text.Json;
using Billing.Core.Amounts;
using Billing.Core.Subscriptions;
using Billing.Core.Payments;
using Billing.Infra.Payments.PayPal;

namespace Billing.Infra.Payments.Webhooks;

/// <summary>PayPal's webhook events, read for what billing needs (the charge from the capture's <c>custom_id</c>).</summary>
public static class PayPalWebhook
{
    /// <summary>The event, or null when the body is not a PayPal event at all.</summary>
    public static PaymentEvent? Read(string rawBody)
    {
        using var document = JsonDocument.Parse(rawBody);
        var root = document.RootElement;
        if (JsonPath.Text(root, "id") is not { } id || JsonPath.Text(root, "event_type") is not { } type
            || !root.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var ignored = new PaymentEvent(PaymentProvider.PayPal, id, type, PaymentEventKind.Ignored);
        var charge = ChargeReference.FromCustomId(JsonPath.Text(resource, "custom_id"));
        return type switch
        {
            "PAYMENT.CAPTURE.COMPLETED" => ignored with { Kind = PaymentEventKind.PaymentSucceeded, Charge = charge, PaymentReference = JsonPath.Text(resource, "id") },
            "PAYMENT.CAPTURE.DENIED" or "PAYMENT.CAPTURE.DECLINED" => ignored with
            {
                Kind = PaymentEventKind.PaymentFailed, Charge = charge, PaymentReference = JsonPath.Text(resource, "id"), Reason = JsonPath.Text(resource, "status"),
            },
            "PAYMENT.CAPTURE.REFUNDED" => Refunded(ignored, resource),
            "CUSTOMER.DISPUTE.CREATED" => ignored with
            {
                Kind = PaymentEventKind.Disputed,
                Charge = DisputedCharge(resource),
                Reason = JsonPath.Text(resource, "reason") ?? "dispute",
            },
            "VAULT.PAYMENT-TOKEN.DELETED" => ignored with
            {
                Kind = PaymentEventKind.MethodRemoved,
                MethodToken = JsonPath.Text(resource, "id"),
                Customer = JsonPath.Text(resource, "customer", "merchant_customer_id"),
            },
            "VAULT.PAYMENT-TOKEN.UPDATED" => ignored with
            {
                Kind = PaymentEventKind.MethodUpdated,
                Method = PayPalGateway.SummaryOf(resource),
                MethodToken = JsonPath.Text(resource, "id"),
                Customer = JsonPath.Text(resource, "customer", "merchant_customer_id"),
            },
            _ => ignored,
        };
    }

    // The resource is the refund: made here, its custom_id names our credit note; made in PayPal's dashboard, the charge
    // comes from a custom_id PayPal copied from the capture, or from the capture itself (its "up" link), asked by the applier.
    private static PaymentEvent Refunded(PaymentEvent ignored, JsonElement refund)
    {
        var customId = JsonPath.Text(refund, "custom_id");
        var ours = CreditNoteReference.FromCustomId(customId);
        var charge = ours is not null ? new ChargeReference(ours.Space, ours.Invoice, 1) : ChargeReference.FromCustomId(customId);
        var amount = AmountOf(refund);
        return ignored with
        {
            Kind = PaymentEventKind.Refunded,
            Charge = charge,
            PaymentReference = CaptureOf(refund),
            Reason = "refunded",
            Refunds = JsonPath.Text(refund, "id") is { } id && amount is { } money ? [new ProviderRefund(id, money, ours?.CreditNote)] : [],
        };
    }

    private static Money? AmountOf(JsonElement resource) =>
        Currency.TryParse(JsonPath.Text(resource, "amount", "currency_code"), out var currency)
        && decimal.TryParse(JsonPath.Text(resource, "amount", "value"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
        && value * Pow10(currency.MinorUnitDigits) is var minor && minor == decimal.Truncate(minor)
            ? Money.Of((long)minor, currency)
            : null;

    private static decimal Pow10(int digits) => digits == 0 ? 1m : 10m * Pow10(digits - 1);

    // A refund links "up" to the capture it refunds: .../v2/payments/captures/{id}.
    private static string? CaptureOf(JsonElement refund)
    {
        if (!refund.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var link in links.EnumerateArray())
        {
            if (JsonPath.Text(link, "rel") == "up" && JsonPath.Text(link, "href") is { } href && href.Contains("/captures/", StringComparison.Ordinal))
            {
                return href[(href.LastIndexOf('/') + 1)..];
            }
        }

        return null;
    }

    // A dispute lists the transactions it is about; the seller's custom field is the capture's custom_id.
    private static ChargeReference? DisputedCharge(JsonElement dispute) =>
        dispute.TryGetProperty("disputed_transactions", out var transactions) && transactions.ValueKind == JsonValueKind.Array && transactions.GetArrayLength() > 0
            ? ChargeReference.FromCustomId(JsonPath.Text(transactions[0], "custom"))
            : null;
}
