using System.Globalization;

namespace Billing.Infra.Email;

/// <summary>Money as a person of a locale writes it, with the ISO code so that no symbol is ambiguous: <c>1.234,56 EUR</c>.</summary>
public static class MoneyText
{
    public static string Format(Billing.Core.Money.Money money, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = money.Currency.Code;
        format.CurrencyDecimalDigits = money.Currency.MinorUnitDigits;
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
