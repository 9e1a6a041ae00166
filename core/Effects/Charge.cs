using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Core.Effects;

/// <summary>
/// A charge of <see cref="Amount"/> to <see cref="PaymentMethod"/> for an invoice, with an idempotency key
/// derived from the invoice and the attempt (R2), so a retried charge is never a second charge. When it
/// is taken is the effect that carries it: <see cref="ChargeNow"/> before the decision is stored,
/// <see cref="ChargeLater"/> after.
/// </summary>
public sealed record Charge(SpaceId Space, InvoiceId Invoice, Money Amount, PaymentMethod PaymentMethod, int Attempt, string IdempotencyKey)
{
    /// <summary>Attempt <paramref name="attempt"/> (from 1) at collecting an invoice, keyed by <see cref="ChargeKeys"/>.</summary>
    public static Charge For(SpaceId space, InvoiceId invoice, Money amount, PaymentMethod paymentMethod, int attempt) =>
        new(space, invoice, amount, paymentMethod, attempt, ChargeKeys.For(space, invoice, attempt));
}
