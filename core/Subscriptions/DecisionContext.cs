using Billing.Core.Catalog;

namespace Billing.Core.Subscriptions;

/// <summary>
/// What every decision needs from outside besides state and command: the catalog, the time (core
/// never reads a clock), and the id of the request, for the audit trail (A1).
/// </summary>
public sealed record DecisionContext(PriceCatalog Catalog, DateTimeOffset Now, string? RequestId)
{
    public static DecisionContext At(DateTimeOffset now, string? requestId = null) => new(PriceCatalog.Default, now, requestId);
}
