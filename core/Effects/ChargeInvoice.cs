using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Core.Effects;

/// <summary>
/// Charge <see cref="Amount"/> to <see cref="PaymentMethod"/> for an invoice, with an idempotency key
/// derived from the invoice and the attempt (R2). The outcome comes back through
/// <c>Payments.RecordChargeSucceeded</c> or <c>RecordChargeFailed</c>.
/// </summary>
public sealed record ChargeInvoice(SpaceId Space, InvoiceId Invoice, Money Amount, PaymentMethod PaymentMethod, int Attempt, string IdempotencyKey) : Effect;
