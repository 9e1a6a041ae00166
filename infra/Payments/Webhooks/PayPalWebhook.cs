using System.Text.Json;
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
            "PAYMENT.CAPTURE.REFUNDED" => ignored with { Kind = PaymentEventKind.Refunded, Charge = charge, Reason = "refunded" },
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

    // A dispute lists the transactions it is about; the seller's custom field is the capture's custom_id.
    private static ChargeReference? DisputedCharge(JsonElement dispute) =>
        dispute.TryGetProperty("disputed_transactions", out var transactions) && transactions.ValueKind == JsonValueKind.Array && transactions.GetArrayLength() > 0
            ? ChargeReference.FromCustomId(JsonPath.Text(transactions[0], "custom"))
            : null;
}
