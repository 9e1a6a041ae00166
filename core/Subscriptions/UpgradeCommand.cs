using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;

namespace Billing.Core.Subscriptions;

/// <summary>
/// An upgrade takes all its choices at once (U8). <see cref="PaymentMethod"/> is the provider's saved
/// method, already resolved to its summary; null when the caller gave none. <see cref="TakeOverTeamPlans"/>:
/// an organization or division upgrade ends the plans of its teams and refunds them (U11).
/// </summary>
public sealed record UpgradeCommand(
    TierId Tier,
    BillingCycle Cycle,
    SeatCount Seats,
    UserId BillingOwner,
    BillingInfo BillingInfo,
    PaymentMethod? PaymentMethod,
    SpaceSurroundings Surroundings,
    bool TakeOverTeamPlans = false);
