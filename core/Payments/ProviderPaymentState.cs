namespace Billing.Core.Payments;

/// <summary>
/// Where a payment stands at its provider, in this app's words. Each gateway only translates its
/// provider's statuses (Stripe's PaymentIntent, PayPal's order and capture) into these;
/// <see cref="ProviderPayments"/> decides what each one means for the invoice.
/// </summary>
public enum ProviderPaymentState
{
    /// <summary>The money was taken.</summary>
    Succeeded,

    /// <summary>The money was taken and is still settling (a card payment Stripe is processing, a PayPal capture pending).</summary>
    Processing,

    /// <summary>The payer's bank wants the billing owner to confirm it (strong customer authentication); it can still complete.</summary>
    AwaitingCustomer,

    /// <summary>Refused, but left open at the provider for another method (Stripe's <c>requires_payment_method</c>).</summary>
    AwaitingPaymentMethod,

    /// <summary>Declined, cancelled, or a state this app does not know: nothing was taken.</summary>
    Failed,
}
