using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>
/// A provider whose events may name only its own payment, not the charge: it is asked which charge
/// (space, invoice, attempt) made that payment, from the metadata the charge was created with (Stripe).
/// </summary>
public interface IChargeLookup
{
    PaymentProvider Provider { get; }

    /// <summary>Which charge made the payment, or null for one this app did not create.</summary>
    Task<ChargeReference?> ChargeOfAsync(string paymentReference, CancellationToken cancellationToken);
}
