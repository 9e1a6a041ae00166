using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Payments;

namespace Billing.Core.Subscriptions;

/// <summary>
/// An upgrade takes all its choices at once (U8). <see cref="PaymentMethod"/> is the provider's saved
/// method, already resolved to its summary; null when the caller gave none.
/// </summary>
public sealed record UpgradeCommand(
    TierId Tier,
    BillingCycle Cycle,
    SeatCount Seats,
    UserId BillingOwner,
    BillingInfo BillingInfo,
    PaymentMethod? PaymentMethod,
    SpaceSurroundings Surroundings);
