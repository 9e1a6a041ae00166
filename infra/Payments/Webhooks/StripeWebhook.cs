using System.Collections.Immutable;
using System.Text.Json;
using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Subscriptions;
using Billing.Core.Payments;
using Billing.Infra.Payments.Stripe;
using Stripe;
using PaymentMethod = Billing.Core.Payments.PaymentMethod;

namespace Billing.Infra.Payments.Webhooks;

/// <summary>
/// Stripe's webhook events: the <c>Stripe-Signature</c> header checked on the raw body with Stripe.net
/// (HMAC-SHA256 of "timestamp.body" with the endpoint secret, any of several v1 values, 300 s
/// tolerance), then read with System.Text.Json rather than the SDK's models, so that events of API
/// versions other than the SDK's are understood as long as the fields used here are there.
/// </summary>
public static class StripeWebhook
{
    public const long ToleranceSeconds = 300;

    public static bool IsSigned(string rawBody, string? signatureHeader, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return false;
        }

        try
        {
            EventUtility.ValidateSignature(rawBody, signatureHeader, secret, ToleranceSeconds, now.ToUnixTimeSeconds());
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }

    /// <summary>The event, or null when the body is not a Stripe event at all.</summary>
    public static PaymentEvent? Read(string rawBody)
    {
        using var document = JsonDocument.Parse(rawBody);
        var root = document.RootElement;
        if (JsonPath.Text(root, "id") is not { } id || JsonPath.Text(root, "type") is not { } type
            || !root.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var ignored = new PaymentEvent(PaymentProvider.Stripe, id, type, PaymentEventKind.Ignored);
        return type switch
        {
            "payment_intent.succeeded" => OnIntent(ignored, PaymentEventKind.PaymentSucceeded, obj),
            "payment_intent.payment_failed" => OnIntent(ignored, PaymentEventKind.PaymentFailed, obj) with
            {
                Reason = JsonPath.Text(obj, "last_payment_error", "decline_code") ?? JsonPath.Text(obj, "last_payment_error", "code"),
            },
            "payment_intent.requires_action" => OnIntent(ignored, PaymentEventKind.PaymentRequiresAction, obj),
            "charge.refunded" => OnCharge(ignored, PaymentEventKind.Refunded, obj) with { Reason = "refunded", Refunds = RefundsOf(obj) },
            "charge.dispute.created" => ignored with
            {
                Kind = PaymentEventKind.Disputed,
                PaymentReference = JsonPath.Text(obj, "payment_intent"),
                Reason = JsonPath.Text(obj, "reason") ?? "dispute",
            },
            "payment_method.updated" or "payment_method.automatically_updated" => ignored with
            {
                Kind = PaymentEventKind.MethodUpdated,
                Method = SummaryOf(obj),
                MethodToken = JsonPath.Text(obj, "id"),
                Customer = JsonPath.Text(obj, "customer"),
            },
            "payment_method.detached" => ignored with
            {
                Kind = PaymentEventKind.MethodRemoved,
                MethodToken = JsonPath.Text(obj, "id"),
                // Detached, the method no longer names its customer: the event's previous attributes do.
                Customer = JsonPath.Text(obj, "customer") ?? (data.TryGetProperty("previous_attributes", out var previous) ? JsonPath.Text(previous, "customer") : null),
            },
            _ => ignored,
        };
    }

    private static PaymentEvent OnIntent(PaymentEvent ignored, PaymentEventKind kind, JsonElement intent) =>
        ignored with { Kind = kind, Charge = MetadataOf(intent), PaymentReference = JsonPath.Text(intent, "id") };

    private static PaymentEvent OnCharge(PaymentEvent ignored, PaymentEventKind kind, JsonElement charge) =>
        ignored with { Kind = kind, Charge = MetadataOf(charge), PaymentReference = JsonPath.Text(charge, "payment_intent") };

    // The charge lists its refunds (refunds.data), each with the metadata it was made with: a refund made here names its credit note.
    private static ImmutableArray<ProviderRefund> RefundsOf(JsonElement charge)
    {
        if (!charge.TryGetProperty("refunds", out var list) || !list.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var refunds = ImmutableArray.CreateBuilder<ProviderRefund>();
        foreach (var refund in data.EnumerateArray())
        {
            if (JsonPath.Text(refund, "id") is { } id
                && refund.TryGetProperty("amount", out var amount) && amount.TryGetInt64(out var minor)
                && Currency.TryParse((JsonPath.Text(refund, "currency") ?? JsonPath.Text(charge, "currency"))?.ToUpperInvariant(), out var currency)
                && JsonPath.Text(refund, "status") is null or "succeeded" or "pending")
            {
                var note = InvoiceId.TryParse(JsonPath.Text(refund, "metadata", CreditNoteReference.CreditNoteKey), out var n) ? n : (InvoiceId?)null;
                refunds.Add(new ProviderRefund(id, Money.Of(minor, currency), note));
            }
        }

        return refunds.ToImmutable();
    }

    private static ChargeReference? MetadataOf(JsonElement obj) =>
        ChargeReference.From(JsonPath.Text(obj, "metadata", StripeGateway.SpaceKey), JsonPath.Text(obj, "metadata", StripeGateway.InvoiceKey), JsonPath.Text(obj, "metadata", StripeGateway.AttemptKey));

    private static PaymentMethod? SummaryOf(JsonElement method)
    {
        if (JsonPath.Text(method, "id") is not { } id)
        {
            return null;
        }

        return PaymentMethod.Saved(
            PaymentProvider.Stripe,
            id,
            new PaymentMethodSummary(JsonPath.Text(method, "card", "brand"), JsonPath.Text(method, "card", "last4"), JsonPath.Number(method, "card", "exp_month"), JsonPath.Number(method, "card", "exp_year"), null));
    }
}
