using System.Collections.Immutable;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Storage;

/// <summary>
/// Everything one decision writes to its space's partition, in one transaction: the new state, the
/// audit records, the invoices it issued, the idempotency record of the request, and the outbox of
/// effects still to carry out (emails, charges not yet taken).
/// </summary>
public sealed record SpaceWrite(
    StoredSpace? Before, Decision Decision, ImmutableArray<Invoice> Invoices, IdempotencyRecord? Idempotency, ImmutableArray<Effect> Outbox = default)
{
    public SpaceBilling After => Decision.State;

    /// <summary>When the decision was made (the business clock): effects left in the outbox are due for the renewal run from then.</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>Invoices whose status the decision moved (paid, past due), replaced in the same transaction.</summary>
    public ImmutableArray<Invoice> UpdatedInvoices { get; init; } = [];

    /// <summary>
    /// Of <see cref="UpdatedInvoices"/>, those that were never receivable before this write (core's <see cref="Invoice.MayHaveBeenReceivable"/>
    /// false as stored): they have no receivables row to remove once settled (I4). Left empty, every settled one's row is removed.
    /// </summary>
    public ImmutableArray<InvoiceId> NeverReceivable { get; init; } = [];

    /// <summary>Outbox rows this decision carried out: removed in the same transaction, so an outcome is applied once.</summary>
    public ImmutableArray<string> CompletedEffects { get; init; } = [];

    /// <summary>
    /// Written by the renewal run while it works on the space: the index row it found the space by stays
    /// (so a crash leaves the space due, and the next run finishes it), and the run reindexes the space
    /// once when it is done, instead of each write moving the row.
    /// </summary>
    public bool IndexedByRenewalRun { get; init; }

    /// <summary>The provider's event this write applies: its mark is added in the same transaction, and a second application fails whole.</summary>
    public ProviderEvent? AppliedEvent { get; init; }

    internal ImmutableArray<Effect> OutboxOrEmpty => Outbox.IsDefault ? [] : Outbox;

    internal bool HasRows =>
        !Decision.Audit.IsEmpty || !Invoices.IsEmpty || Idempotency is not null || !OutboxOrEmpty.IsEmpty || !UpdatedInvoices.IsEmpty || !CompletedEffects.IsEmpty || AppliedEvent is not null;
}
