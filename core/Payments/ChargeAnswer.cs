namespace Billing.Core.Payments;

/// <summary>What a provider's answer to a charge means for the invoice it charged.</summary>
public enum ChargeAnswer
{
    Paid,

    /// <summary>Held for the billing owner to confirm; the invoice stays unpaid.</summary>
    Held,

    Declined,
}
