using System.Collections.Frozen;

namespace Billing.Core.Tax;

/// <summary>
/// The 27 member states of the European Union, whose VAT follows Directive 2006/112/EC (T1), with the
/// prefix their VAT numbers carry: the ISO 3166 code, except Greece's EL.
/// </summary>
public static class EuMemberStates
{
    private static readonly FrozenDictionary<string, string> VatPrefixByCountry = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AT"] = "AT", ["BE"] = "BE", ["BG"] = "BG", ["CY"] = "CY", ["CZ"] = "CZ", ["DE"] = "DE", ["DK"] = "DK",
        ["EE"] = "EE", ["ES"] = "ES", ["FI"] = "FI", ["FR"] = "FR", ["GR"] = "EL", ["HR"] = "HR", ["HU"] = "HU",
        ["IE"] = "IE", ["IT"] = "IT", ["LT"] = "LT", ["LU"] = "LU", ["LV"] = "LV", ["MT"] = "MT", ["NL"] = "NL",
        ["PL"] = "PL", ["PT"] = "PT", ["RO"] = "RO", ["SE"] = "SE", ["SI"] = "SI", ["SK"] = "SK",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The ISO 3166 codes of the member states.</summary>
    public static IEnumerable<string> Countries => VatPrefixByCountry.Keys;

    public static bool Contains(string country) => VatPrefixByCountry.ContainsKey(country);

    /// <summary>The prefix of the member state's VAT numbers (<c>EL</c> for Greece), or null outside the EU.</summary>
    public static string? VatPrefix(string country) => VatPrefixByCountry.GetValueOrDefault(country);
}
