using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Core.Effects;

/// <summary>
/// A charge queued in the outbox with its decision (a renewal, a retry) and taken after it is stored;
/// its outcome comes back through <c>ChargeOutcomes</c> (R3) in a write of its own.
/// </summary>
public sealed record ChargeLater(SpaceId Space, InvoiceId Invoice, Money Amount, PaymentMethod PaymentMethod, int Attempt, string IdempotencyKey)
    : Charge(Space, Invoice, Amount, PaymentMethod, Attempt, IdempotencyKey);
