using System.Collections.Concurrent;
using System.Globalization;

namespace Billing.Infra.Invoices;

/// <summary>
/// A country's name in a reader's language (V6), from the CLDR data of the ICU library that .NET
/// globalization runs on: no table of our own. .NET's <see cref="RegionInfo"/> names a region only in
/// the process's own UI language, but ICU names a locale in any language: the display name of the
/// locale <c>und-NL</c> ("undetermined language, Netherlands") read in Dutch is
/// <c>onbekende taal (Nederland)</c>, and the country is its part in parentheses.
/// </summary>
public static class CountryNames
{
    private static readonly ConcurrentDictionary<(string Country, string Language), string> Cache = new();

    /// <summary>The name of <paramref name="country"/> (ISO 3166 alpha-2) in <paramref name="culture"/>'s language; the code itself when ICU knows none.</summary>
    public static string In(string country, CultureInfo culture) =>
        Cache.GetOrAdd((country, culture.Name), key => Lookup(key.Country, culture));

    private static string Lookup(string country, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            // The current UI culture is the thread's (async-local), so no other request sees this.
            CultureInfo.CurrentUICulture = culture;
            var name = CultureInfo.GetCultureInfo("und-" + country).DisplayName;
            var open = name.LastIndexOfAny(['(', '（']);
            var close = name.LastIndexOfAny([')', '）']);
            return open >= 0 && close > open + 1 ? name[(open + 1)..close].Trim() : country;
        }
        catch (CultureNotFoundException)
        {
            return country;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
