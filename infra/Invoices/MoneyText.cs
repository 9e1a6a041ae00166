using System.Globalization;
using Billing.Core.Amounts;

namespace Billing.Infra.Invoices;

/// <summary>Money as a person of a locale writes it, with the ISO code so that no symbol is ambiguous: <c>1.234,56 EUR</c>.</summary>
public static class MoneyText
{
    public static string Format(Money money, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = money.Currency.Code;
        format.CurrencyDecimalDigits = money.Currency.MinorUnitDigits;

        // A code needs a space where a symbol does not: "EUR 24.99", "24,99 EUR".
        format.CurrencyPositivePattern = format.CurrencyPositivePattern switch { 0 => 2, 1 => 3, var p => p };
        format.CurrencyNegativePattern = format.CurrencyNegativePattern switch { 0 => 14, 1 => 9, 2 => 12, 5 => 8, 3 => 11, var p => p };
        return money.ToMajorUnits().ToString("C", format);
    }

    /// <summary>The culture of a locale tag, or English when the runtime does not know it.</summary>
    public static CultureInfo CultureOf(Billing.Core.Common.Locale locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale.Tag);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo("en-US");
        }
    }
}
