using System.Collections.Immutable;
using Billing.Core.Audit;
using Billing.Core.Effects;
using Billing.Core.Invoicing;

namespace Billing.Core.Subscriptions;

/// <summary>
/// What a decision concluded: the space's new state, the effects to carry out once it is stored,
/// and the audit records to store with it, all in one atomic write.
/// </summary>
public sealed record Decision(SpaceBilling State, ImmutableArray<Effect> Effects, ImmutableArray<AuditRecord> Audit)
{
    /// <summary>A decision that changes nothing (an idempotent repeat, a no-op).</summary>
    public static Decision Unchanged(SpaceBilling state) => new(state, [], []);

    /// <summary>Invoices already issued whose life the decision moved (a bank transfer received, I3), stored with it.</summary>
    public ImmutableArray<Invoice> MovedInvoices { get; init; } = [];

    public bool ChangesNothing => Effects.IsEmpty && Audit.IsEmpty && MovedInvoices.IsEmpty;
}
