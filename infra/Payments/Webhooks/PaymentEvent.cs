using System.Collections.Immutable;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Payments.Webhooks;

/// <summary>What a provider's event means to billing, whichever provider sent it (P3).</summary>
public enum PaymentEventKind
{
    /// <summary>Recorded, and nothing to apply (a type this app does not act on).</summary>
    Ignored,
    PaymentSucceeded,
    PaymentFailed,
    PaymentRequiresAction,
    Refunded,
    Disputed,
    MethodUpdated,
    MethodRemoved,
}

/// <summary>
/// One verified event: its provider's id and type, what it means, and what it is about: the charge
/// (from the metadata the charge was made with, or the provider's payment id to look it up), or the
/// saved method and the provider's customer it belongs to.
/// </summary>
public sealed record PaymentEvent(PaymentProvider Provider, string Id, string Type, PaymentEventKind Kind)
{
    public ChargeReference? Charge { get; init; }

    /// <summary>The provider's payment (Stripe PaymentIntent) to ask for the charge when the event's object does not carry it.</summary>
    public string? PaymentReference { get; init; }

    /// <summary>The saved method as the provider now describes it (updated), or just its token (removed).</summary>
    public PaymentMethod? Method { get; init; }

    public string? MethodToken { get; init; }

    /// <summary>The provider's customer the method belongs to (Stripe), or the space itself (PayPal's merchant customer id).</summary>
    public string? Customer { get; init; }

    /// <summary>For a refund: the refunds the provider lists on the payment (V5), those made here naming their credit note.</summary>
    public ImmutableArray<ProviderRefund> Refunds { get; init; } = [];

    /// <summary>A decline code or a dispute reason, for the billing history.</summary>
    public string? Reason { get; init; }
}
