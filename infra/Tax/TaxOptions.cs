namespace Billing.Infra.Tax;

/// <summary><c>Tax__*</c>: the issuer's home country (T1) and the EU's VIES service (T2).</summary>
public sealed class TaxOptions
{
    public const string Section = "Tax";

    /// <summary><c>Tax__HomeCountry</c>: the issuer's country for VAT; the catalog's (NL) when unset.</summary>
    public string? HomeCountry { get; set; }

    public ViesOptions Vies { get; set; } = new();
}

/// <summary><c>Tax__Vies__*</c>: where VIES answers; unset to skip the online check.</summary>
public sealed class ViesOptions
{
    /// <summary><c>Tax__Vies__BaseUrl</c>, e.g. <c>https://ec.europa.eu/taxation_customs/vies/rest-api/</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary><c>Tax__Vies__TimeoutSeconds</c>: how long an upgrade waits for VIES before taking the id as unverified.</summary>
    public int TimeoutSeconds { get; set; } = 5;
}
