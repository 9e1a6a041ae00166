using System.Collections.Immutable;
using Billing.Core.Effects;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Storage;

/// <summary>
/// Everything one decision writes to its space's partition, in one transaction: the new state, the
/// audit records, the invoices it issued, the idempotency record of the request, and the outbox of
/// effects still to carry out (emails, charges not yet taken).
/// </summary>
public sealed record SpaceWrite(
    StoredSpace? Before, Decision Decision, ImmutableArray<InvoiceRecord> Invoices, IdempotencyRecord? Idempotency, ImmutableArray<Effect> Outbox = default)
{
    public SpaceBilling After => Decision.State;

    internal ImmutableArray<Effect> OutboxOrEmpty => Outbox.IsDefault ? [] : Outbox;

    internal bool HasRows => !Decision.Audit.IsEmpty || !Invoices.IsEmpty || Idempotency is not null || !OutboxOrEmpty.IsEmpty;
}
