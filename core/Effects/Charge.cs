using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Core.Effects;

/// <summary>
/// Charge <see cref="Amount"/> to <see cref="PaymentMethod"/> for an invoice, with an idempotency key
/// derived from the invoice and the attempt (R2), so a retried charge is never a second charge. When
/// it is taken is its type: <see cref="ChargeNow"/> before the decision is stored, <see cref="ChargeLater"/> after.
/// </summary>
public abstract record Charge(SpaceId Space, InvoiceId Invoice, Money Amount, PaymentMethod PaymentMethod, int Attempt, string IdempotencyKey) : Effect;
