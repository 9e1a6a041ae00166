using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Core.Effects;

/// <summary>
/// Give <see cref="Amount"/> back through the provider that took the payment of <see cref="Credited"/>,
/// as the credit note <see cref="CreditNote"/> says (V5). Its idempotency key is the credit note's, so
/// the same refund is never made twice however often the outbox is delivered. A payment by bank
/// transfer (<see cref="PaymentProvider.Invoice"/>) is refunded by sales outside the system.
/// </summary>
public sealed record RefundPayment(SpaceId Space, InvoiceId CreditNote, InvoiceId Credited, Money Amount, PaymentMethod PaymentMethod) : Effect
{
    public string IdempotencyKey => $"refund:{Space}:{CreditNote}";
}
