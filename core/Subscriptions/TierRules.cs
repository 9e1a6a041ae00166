using Billing.Core.Catalog;
using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>Only tiers on sale can be chosen (U1); legacy tiers renew as they are but are never a target.</summary>
internal static class TierRules
{
    public static Result<Tier> FindOnSale(PriceCatalog catalog, TierId id)
    {
        var tier = catalog.FindTier(id);
        if (tier is null)
        {
            return Errors.InvalidRequest($"There is no tier '{id}'.");
        }

        return tier.OnSale ? tier : Errors.TierNotOnSale(id.Value);
    }

    public static Tier Get(PriceCatalog catalog, TierId id) =>
        catalog.FindTier(id) ?? throw new InvalidOperationException($"The catalog lost tier '{id}', which a subscription still uses.");
}
