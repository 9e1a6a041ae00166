using System.Collections.Immutable;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Storage;

/// <summary>Everything one decision writes to its space's partition, in one transaction.</summary>
public sealed record SpaceWrite(StoredSpace? Before, Decision Decision, ImmutableArray<InvoiceRecord> Invoices, IdempotencyRecord? Idempotency)
{
    public SpaceBilling After => Decision.State;

    internal bool HasRows => !Decision.Audit.IsEmpty || !Invoices.IsEmpty || Idempotency is not null;
}
