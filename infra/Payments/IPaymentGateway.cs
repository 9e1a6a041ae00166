using Billing.Core.Amounts;
using Billing.Core.Effects;
using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>
/// One payment provider (P1) as the app uses it: start saving a method in the browser, look up a
/// saved method's summary (P2: only the token and a summary are kept), charge an invoice with its
/// idempotency key (R2), and refund a charge that no decision kept.
/// </summary>
public interface IPaymentGateway
{
    PaymentProvider Provider { get; }

    Task<PaymentMethodSetup> StartSetupAsync(string customerReference, CancellationToken cancellationToken);

    /// <summary>The saved method behind a token, or null when the provider does not know the token.</summary>
    Task<PaymentMethod?> ResolveAsync(string token, CancellationToken cancellationToken);

    Task<ChargeResult> ChargeAsync(Charge charge, CancellationToken cancellationToken);

    Task RefundAsync(Charge charge, CancellationToken cancellationToken);

    /// <summary>
    /// Gives <paramref name="amount"/> of a payment it took (<paramref name="payment"/>: its PaymentIntent or
    /// capture id) back to the payer, once per <paramref name="idempotencyKey"/> (V5: a credit note's refund), naming
    /// the credit note (<paramref name="creditNote"/>) so that the provider's refund webhook is recognized as ours.
    /// </summary>
    Task RefundPaymentAsync(string payment, Money amount, string idempotencyKey, CreditNoteReference creditNote, CancellationToken cancellationToken);

    /// <summary>What the browser needs to let the billing owner confirm a held payment, fetched live (never stored); null when it no longer waits.</summary>
    Task<PaymentConfirmation?> ConfirmationAsync(string heldPayment, CancellationToken cancellationToken);
}
