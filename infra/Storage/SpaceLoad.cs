using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Infra.Storage;

/// <summary>
/// Rows of the space's partition a write decides on besides the space, read in the same query as the space
/// (<see cref="SpaceStore.LoadAsync(SpaceId, SpaceLoad?, CancellationToken)"/>): one invoice, whether a
/// provider's event was applied here, the caller's idempotency record.
/// </summary>
public sealed record SpaceLoad(InvoiceId? Invoice = null, ProviderEvent? Event = null, string? IdempotencyKey = null);

/// <summary>What the query of a <see cref="SpaceLoad"/> found (null: not there).</summary>
/// <param name="Invoice">The invoice asked for, with its row's ETag.</param>
/// <param name="EventApplied">The event's applied mark is in the partition: a write of this space applied it already.</param>
/// <param name="Idempotency">The caller's stored answer to the key asked for.</param>
public sealed record SpaceLoaded(InvoiceRead? Invoice, bool EventApplied, IdempotencyRecord? Idempotency);

/// <summary>
/// A provider's event, as the space it was applied to marks it: a row in the space's partition added by the
/// same entity-group transaction as the change the event made, so that it is applied once (P3).
/// </summary>
public sealed record ProviderEvent(PaymentProvider Provider, string Id);
