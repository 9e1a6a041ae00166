using System.Collections.Frozen;
using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Tax;

namespace Billing.Core.Catalog;

/// <summary>
/// What is on sale and at what price (M1): tiers with a per-seat monthly price per currency, the seat
/// ladder, the currency of each billing country (M4), the issuer's home country and the tax rates (T1),
/// and the policy knobs.
/// </summary>
public sealed record PriceCatalog
{
    public PriceCatalog(
        ImmutableArray<Tier> tiers,
        SeatLadder ladder,
        Currency defaultCurrency,
        FrozenDictionary<string, Currency> currencyByCountry,
        FrozenDictionary<string, TaxRate> taxRateByCountry,
        BillingPolicy policy)
    {
        if (tiers.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A catalog needs at least one tier.", nameof(tiers));
        }

        foreach (var tier in tiers)
        {
            if (!tier.IsPricedIn(defaultCurrency) || currencyByCountry.Values.Any(c => !tier.IsPricedIn(c)))
            {
                throw new ArgumentException($"Tier {tier.Id} must be priced in every currency the catalog bills in.", nameof(tiers));
            }
        }

        Tiers = tiers;
        Ladder = ladder;
        DefaultCurrency = defaultCurrency;
        CurrencyByCountry = currencyByCountry;
        TaxRateByCountry = taxRateByCountry;
        Policy = policy;
        _tiersById = tiers.ToFrozenDictionary(t => t.Id);
    }

    private readonly FrozenDictionary<TierId, Tier> _tiersById;

    /// <summary>The catalog that ships with the code (<c>Catalog/catalog.default.json</c>).</summary>
    public static PriceCatalog Default { get; } = CatalogFile.LoadDefault();

    public ImmutableArray<Tier> Tiers { get; }

    public IEnumerable<Tier> TiersOnSale => Tiers.Where(t => t.OnSale);

    public SeatLadder Ladder { get; }

    public Currency DefaultCurrency { get; }

    public FrozenDictionary<string, Currency> CurrencyByCountry { get; }

    public FrozenDictionary<string, TaxRate> TaxRateByCountry { get; }

    /// <summary>
    /// The issuer's home country (T1, <c>Tax__HomeCountry</c>). When it is an EU member state, every
    /// member state needs a rate: a consumer elsewhere in the EU pays the rate of their own country.
    /// </summary>
    public string HomeCountry
    {
        get => _homeCountry;
        init
        {
            var missing = EuMemberStates.Contains(value) ? EuMemberStates.Countries.Where(c => !TaxRateByCountry.ContainsKey(c)).Order().ToList() : [];
            _homeCountry = missing.Count == 0
                ? value
                : throw new ArgumentException($"With an EU home country the catalog needs the VAT rate of every member state; missing: {string.Join(", ", missing)}.", nameof(HomeCountry));
        }
    }

    // A catalog built in code without one has no EU home, so it is never refused for lacking EU rates; files default to NL.
    private readonly string _homeCountry = "US";

    public BillingPolicy Policy { get; init; }

    public Tier? FindTier(TierId id) => _tiersById.GetValueOrDefault(id);

    /// <summary>The currency a customer in <paramref name="country"/> (ISO 3166 alpha-2) is billed in.</summary>
    public Currency CurrencyFor(string country) => CurrencyByCountry.GetValueOrDefault(country, DefaultCurrency);

    /// <summary>The tax rate of <paramref name="country"/>, or none where none is configured.</summary>
    public TaxRate TaxRateFor(string country) => TaxRateByCountry.GetValueOrDefault(country, TaxRate.None);

    /// <summary>The tax of an invoice to <paramref name="billTo"/> issued now (T1, T3).</summary>
    public TaxTreatment TaxFor(Invoicing.BillingInfo billTo, TaxExemption? exemption) =>
        TaxRules.Decide(HomeCountry, billTo.Address.Country, billTo.TaxId, exemption, TaxRateByCountry);
}
