namespace Billing.Core.Tax;

/// <summary>Why an invoice carries the tax it does (T1, T3).</summary>
public enum TaxReason
{
    /// <summary>The customer is in the issuer's home country: the home country's rate.</summary>
    HomeCountry,

    /// <summary>Another EU member state, no valid VAT id (a consumer): that country's rate.</summary>
    EuConsumer,

    /// <summary>Another EU member state with a valid VAT id (a business): no VAT, the recipient accounts for it.</summary>
    ReverseCharge,

    /// <summary>Outside the EU: the rate the catalog sets for the country, none by default.</summary>
    OutsideEu,

    /// <summary>Sales marked the customer tax-exempt (T3): no tax, the reason printed.</summary>
    Exempt,
}
