using Billing.Core.Amounts;

namespace Billing.Core.Tax;

/// <summary>
/// The tax of one invoice as decided when it was issued (T1, T3): the rate applied to its subtotal, why,
/// and what it must print. Stored with the invoice, so a later change of address, tax id status or
/// exemption never rewrites an issued invoice.
/// </summary>
public sealed record TaxTreatment(TaxRate Rate, TaxReason Reason, string? ExemptionReason)
{
    public LegalMention Mention => Reason switch
    {
        TaxReason.ReverseCharge => LegalMention.ReverseCharge,
        TaxReason.Exempt => LegalMention.Exemption,
        _ => LegalMention.None,
    };

    /// <summary>The tax on <paramref name="subtotal"/>, rounded once half away from zero to the currency's minor unit (M2).</summary>
    public Money TaxOn(Money subtotal) => Rate.TaxOn(subtotal);
}
