using System.Collections.Immutable;
using Azure;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Subscriptions;

namespace Billing.Infra.Storage;

/// <summary>A space's billing state as read, with the ETag of its row for the optimistic write that follows, and its outbox.</summary>
public sealed record StoredSpace(SpaceBilling State, ETag ETag)
{
    /// <summary>How many writes the space's partition has taken: the next one is number <c>Writes + 1</c>, and its audit records and invoices list by it.</summary>
    public long Writes { get; init; }

    /// <summary>The effects its decisions left to carry out, read in the same query (on Azurite, a scan of the space's table).</summary>
    public ImmutableArray<(string RowKey, Effect Effect)> Pending { get; init; } = [];

    /// <summary>The invoices the write that answered this space issued, with their rows' ETags: numbering stamps them without reading them first.</summary>
    public ImmutableDictionary<InvoiceId, InvoiceRead> Issued { get; init; } = ImmutableDictionary<InvoiceId, InvoiceRead>.Empty;

    /// <summary>The rows a <see cref="SpaceLoad"/> asked for, read in the same query; null when none were asked for.</summary>
    public SpaceLoaded? Also { get; init; }
}
