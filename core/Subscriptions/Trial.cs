using Billing.Core.Catalog;
using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>A free trial of a tier on sale (U10): no payment method, ends on its own at <see cref="EndsAt"/>.</summary>
public sealed record Trial(TierId Tier, UserId StartedBy, DateTimeOffset StartedAt, DateTimeOffset EndsAt, bool EndingNoticeSent);
