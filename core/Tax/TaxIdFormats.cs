using System.Collections.Frozen;

namespace Billing.Core.Tax;

/// <summary>
/// The format and check digits of tax ids (T2): the VAT numbers of the 27 EU member states, the UK's
/// VAT registration number, the Swiss UID (MWST), the Norwegian organisation number (MVA) and the
/// Australian Business Number. Each is written from its published algorithm (the tax administrations'
/// specifications as the EU's VIES FAQ and python-stdnum document them); see docs/TAX.md.
/// An id of another country cannot be checked here and is kept as given.
/// </summary>
public static class TaxIdFormats
{
    private delegate string? Check(string compact);

    private static readonly FrozenDictionary<string, Check> ByCountry = new Dictionary<string, Check>(StringComparer.Ordinal)
    {
        ["AT"] = VatNumberChecks.Austria,
        ["BE"] = VatNumberChecks.Belgium,
        ["BG"] = VatNumberChecks.Bulgaria,
        ["CY"] = VatNumberChecks.Cyprus,
        ["CZ"] = VatNumberChecks.Czechia,
        ["DE"] = VatNumberChecks.Germany,
        ["DK"] = VatNumberChecks.Denmark,
        ["EE"] = VatNumberChecks.Estonia,
        ["ES"] = VatNumberChecks.Spain,
        ["FI"] = VatNumberChecks.Finland,
        ["FR"] = VatNumberChecks.France,
        ["GR"] = VatNumberChecks.Greece,
        ["HR"] = VatNumberChecks.Croatia,
        ["HU"] = VatNumberChecks.Hungary,
        ["IE"] = VatNumberChecks.Ireland,
        ["IT"] = VatNumberChecks.Italy,
        ["LT"] = VatNumberChecks.Lithuania,
        ["LU"] = VatNumberChecks.Luxembourg,
        ["LV"] = VatNumberChecks.Latvia,
        ["MT"] = VatNumberChecks.Malta,
        ["NL"] = VatNumberChecks.Netherlands,
        ["PL"] = VatNumberChecks.Poland,
        ["PT"] = VatNumberChecks.Portugal,
        ["RO"] = VatNumberChecks.Romania,
        ["SE"] = VatNumberChecks.Sweden,
        ["SI"] = VatNumberChecks.Slovenia,
        ["SK"] = VatNumberChecks.Slovakia,
        ["GB"] = VatNumberChecks.UnitedKingdom,
        ["CH"] = VatNumberChecks.Switzerland,
        ["NO"] = VatNumberChecks.Norway,
        ["AU"] = VatNumberChecks.Australia,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether the ids of <paramref name="country"/> have a format and check digits we verify.</summary>
    public static bool IsChecked(string country) => ByCountry.ContainsKey(country);

    /// <summary>
    /// The id in its normal form (<c>DE136695976</c>, <c>ATU13585627</c>, <c>EL094279805</c>,
    /// <c>GB980780684</c>, <c>CHE100155212</c>, <c>NO995525828MVA</c>, <c>83914571673</c>), or null when
    /// its format or check digits are wrong for <paramref name="country"/>. Spaces, dots, dashes and
    /// slashes are ignored, and so is the country prefix. Ids of countries not checked here come back
    /// trimmed, as given.
    /// </summary>
    public static string? Normalize(string country, string text)
    {
        if (!ByCountry.TryGetValue(country, out var check))
        {
            var trimmed = text.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }

        var compact = Compact(text);
        var prefix = EuMemberStates.VatPrefix(country) ?? country;
        if (compact.StartsWith(prefix, StringComparison.Ordinal) && country != "CH")
        {
            compact = compact[prefix.Length..];
        }

        var number = check(compact);
        return number is null ? null : EuMemberStates.VatPrefix(country) is { } euPrefix ? euPrefix + number : number;
    }

    private static string Compact(string text)
    {
        Span<char> kept = stackalloc char[Math.Min(text.Length, 64)];
        var length = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '.' or '/' or ':' or '\u00A0')
            {
                continue;
            }

            if (length == kept.Length)
            {
                return string.Empty;
            }

            kept[length++] = char.ToUpperInvariant(c);
        }

        return new string(kept[..length]);
    }
}
