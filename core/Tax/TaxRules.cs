using System.Collections.Frozen;
using Billing.Core.Amounts;

namespace Billing.Core.Tax;

/// <summary>The tax decision of T1 and T3, one pure function of the facts an invoice is issued with.</summary>
public static class TaxRules
{
    /// <summary>
    /// The tax of an invoice to a customer in <paramref name="customerCountry"/>:
    /// <list type="bullet">
    /// <item>exempt (T3) -> no tax, the reason printed;</item>
    /// <item>the issuer's home country -> its rate, whatever the tax id;</item>
    /// <item>another EU member state with a valid VAT id -> no VAT, reverse charge;</item>
    /// <item>another EU member state without one (none, unverified or refused: a consumer) -> that state's rate;</item>
    /// <item>elsewhere -> the rate <paramref name="rates"/> sets for the country, none by default.</item>
    /// </list>
    /// When the home country is not itself in the EU, only the first two and the last apply.
    /// </summary>
    public static TaxTreatment Decide(
        string homeCountry, string customerCountry, TaxId? taxId, TaxExemption? exemption, FrozenDictionary<string, TaxRate> rates)
    {
        if (exemption is not null)
        {
            return new TaxTreatment(TaxRate.None, TaxReason.Exempt, exemption.Reason);
        }

        var rate = rates.GetValueOrDefault(customerCountry, TaxRate.None);
        if (customerCountry == homeCountry)
        {
            return new TaxTreatment(rate, TaxReason.HomeCountry, null);
        }

        if (EuMemberStates.Contains(homeCountry) && EuMemberStates.Contains(customerCountry))
        {
            return taxId is { IsValid: true }
                ? new TaxTreatment(TaxRate.None, TaxReason.ReverseCharge, null)
                : new TaxTreatment(rate, TaxReason.EuConsumer, null);
        }

        return new TaxTreatment(rate, TaxReason.OutsideEu, null);
    }
}
