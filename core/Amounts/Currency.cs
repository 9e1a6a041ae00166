using System.Collections.Frozen;

namespace Billing.Core.Amounts;

/// <summary>
/// An ISO 4217 currency with the number of digits of its minor unit (M1), built only by
/// <see cref="Parse"/> and <see cref="TryParse"/>: <c>default(Currency)</c> names no currency, and
/// reading its <see cref="Code"/> throws.
/// </summary>
public readonly record struct Currency
{
    // ISO 4217 minor-unit digits of the currencies the catalog may price in.
    private static readonly FrozenDictionary<string, int> MinorUnitDigitsByCode = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["CHF"] = 2,
        ["CAD"] = 2, ["AUD"] = 2, ["IDR"] = 2, ["TWD"] = 2, ["JPY"] = 0,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly string? _code;

    private Currency(string code, int minorUnitDigits)
    {
        _code = code;
        MinorUnitDigits = minorUnitDigits;
    }

    public static Currency Usd { get; } = Parse("USD");

    public static Currency Eur { get; } = Parse("EUR");

    /// <summary>The three-letter ISO 4217 code, upper case.</summary>
    public string Code => _code ?? throw Common.Identifier.Uninitialized(nameof(Currency));

    internal bool IsDefault => _code is null;

    /// <summary>How many decimal digits the minor unit has (2 for cents, 0 for yen).</summary>
    public int MinorUnitDigits { get; }

    public static bool TryParse(string? code, out Currency currency)
    {
        if (code is not null && MinorUnitDigitsByCode.TryGetValue(code, out var digits))
        {
            currency = new Currency(code, digits);
            return true;
        }

        currency = default;
        return false;
    }

    public static Currency Parse(string code) =>
        TryParse(code, out var currency) ? currency : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    public override string ToString() => Code;
}
