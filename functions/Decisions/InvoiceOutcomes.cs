using System.Collections.Immutable;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Infra.Issuing;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// Applies what happened to one invoice's payment (a charge's answer, a provider's event) through the
/// <see cref="UnitOfWork"/>: core decides on the space and the invoice, and the new state, the invoice
/// as core moved it, the emails to send and, when given, the outbox rows that asked for it are stored in
/// one transaction. Core's outcomes never move backwards, so a repeat changes nothing and writes nothing.
/// </summary>
public sealed class InvoiceOutcomes(UnitOfWork work, InvoiceLedger ledger, InvoiceIssuing issuing)
{
    public delegate (Decision Decision, Invoice Invoice) Outcome(SpaceBilling state, Invoice invoice, DecisionContext context);

    /// <summary>What the caller already holds, so that applying an outcome need not read it again.</summary>
    /// <param name="Space">The space as last stored (a stale one only costs a conflict and a reload).</param>
    /// <param name="Invoice">The invoice just numbered by the same caller.</param>
    /// <param name="CompletedEffects">Outbox rows carried out (the charge that asked, the invoice it finished): removed in the same transaction.</param>
    /// <param name="NumberDrawn">
    /// <paramref name="Invoice"/> carries a number just drawn for it and not yet stored: the outcome's write stores it, so that
    /// numbering needs no write of its own (<see cref="Billing.Infra.Storage.InvoiceNumbering.NumberAsync"/>'s <c>stampWith</c>).
    /// </param>
    public sealed record Known(StoredSpace? Space = null, Invoice? Invoice = null, ImmutableArray<string> CompletedEffects = default, bool NumberDrawn = false);

    /// <summary>The space and the invoice as the outcome left them.</summary>
    public sealed record Applied(StoredSpace Space, Invoice Invoice);

    /// <returns>
    /// The space and the invoice as stored after, or null when either does not exist (an event about an unknown invoice is only recorded).
    /// <c>indexedByRenewalRun</c>: the space stays due in the renewal index, which the run updates when done with it.
    /// </returns>
    public async Task<Applied?> ApplyAsync(
        SpaceId space, InvoiceId invoiceId, string requestId, Outcome outcome, Known known, CancellationToken cancellationToken, bool indexedByRenewalRun = false)
    {
        var current = known.Invoice is { IsNumbered: true } given && given.Id == invoiceId
            ? given
            : (await ledger.GetAsync(space, invoiceId, cancellationToken))?.Invoice;
        if (current is null)
        {
            return null;
        }

        // Numbered already in the usual case; an invoice a crash left unnumbered is finished first.
        var numbered = current.IsNumbered ? current : await issuing.FinishAsync(space, invoiceId, cancellationToken);
        var fresh = true;
        var numberUnstored = known.NumberDrawn; // the stored invoice has no number yet: this write stores it
        var completed = known.CompletedEffects.IsDefault ? [] : known.CompletedEffects;
        return await work.RunAsync<Applied?>(space, requestId, async (loaded, context) =>
        {
            if (!fresh)
            {
                // After a conflict the invoice may have moved too.
                current = (await ledger.GetAsync(space, invoiceId, cancellationToken))?.Invoice;
                numbered = current is { IsNumbered: true } ? current : numbered;
                numberUnstored = known.NumberDrawn && current is { IsNumbered: false };
            }

            fresh = false;
            if (loaded is null || current is null)
            {
                return new UnitOfWork.Done<Applied?>(null);
            }

            var (decision, updated) = outcome(loaded.State, numbered, context);
            var after = updated == numbered && !numberUnstored ? current : updated;
            // Only rows still there: another delivery may have carried one out meanwhile.
            var stillPending = completed.Where(k => loaded.Pending.Any(p => p.RowKey == k)).ToImmutableArray();
            if (decision.ChangesNothing && after == current && stillPending.IsEmpty && !numberUnstored)
            {
                return new UnitOfWork.Done<Applied?>(new Applied(loaded, after)); // a repeated or late answer: nothing to store
            }

            return new UnitOfWork.Write<Applied?>(decision, stored => new Applied(stored, after))
            {
                UpdatedInvoices = after == current && !numberUnstored ? [] : [after],
                // A card invoice still open as stored was never receivable: no receivables row to remove once paid (I4).
                NeverReceivable = current.MayHaveBeenReceivable ? [] : [current.Id],
                CompletedEffects = stillPending,
                IndexedByRenewalRun = indexedByRenewalRun,
            };
        }, cancellationToken, known.Space);
    }

    /// <summary>
    /// Applies a provider's event about an invoice once (P3): the space, the invoice and the event's applied mark
    /// come in one query; a change is stored with the mark in the same transaction, so a second delivery of the
    /// event, even at the same time, finds it applied. An event that changes nothing writes nothing.
    /// </summary>
    public Task<EventApplied> ApplyEventAsync(SpaceId space, InvoiceId invoiceId, ProviderEvent applied, string requestId, Outcome outcome, CancellationToken cancellationToken) =>
        work.RunAsync<EventApplied>(space, requestId, async (loaded, context) =>
        {
            if (loaded?.Also is not { Invoice: { } read } also)
            {
                return new UnitOfWork.Done<EventApplied>(new EventApplied(EventResult.Unknown, loaded));
            }

            if (also.EventApplied)
            {
                return new UnitOfWork.Done<EventApplied>(new EventApplied(EventResult.AlreadyApplied, loaded));
            }

            var current = read.Invoice;
            // Numbered already in the usual case; an invoice a crash left unnumbered is finished first.
            var numbered = current.IsNumbered ? current : await issuing.FinishAsync(space, invoiceId, cancellationToken);
            var (decision, updated) = outcome(loaded.State, numbered, context);
            var after = updated == numbered ? current : updated;
            if (decision.ChangesNothing && after == current)
            {
                return new UnitOfWork.Done<EventApplied>(new EventApplied(EventResult.Unchanged, loaded));
            }

            return new UnitOfWork.Write<EventApplied>(decision, stored => new EventApplied(EventResult.Applied, stored))
            {
                UpdatedInvoices = after == current ? [] : [after],
                AppliedEvent = applied,
            };
        }, cancellationToken, also: new SpaceLoad(invoiceId, applied));

    /// <summary>A provider's event about the space that touches no invoice (a saved method updated or removed), applied once as <see cref="ApplyEventAsync(SpaceId, InvoiceId, ProviderEvent, string, Outcome, CancellationToken)"/>.</summary>
    public Task<EventApplied> ApplyEventAsync(SpaceId space, ProviderEvent applied, string requestId, Func<SpaceBilling, DecisionContext, Decision> decide, CancellationToken cancellationToken) =>
        work.RunAsync<EventApplied>(space, requestId, (loaded, context) =>
        {
            if (loaded is null)
            {
                return Task.FromResult<UnitOfWork.Verdict<EventApplied>>(new UnitOfWork.Done<EventApplied>(new EventApplied(EventResult.Unknown, null)));
            }

            if (loaded.Also is { EventApplied: true })
            {
                return Task.FromResult<UnitOfWork.Verdict<EventApplied>>(new UnitOfWork.Done<EventApplied>(new EventApplied(EventResult.AlreadyApplied, loaded)));
            }

            var decision = decide(loaded.State, context);
            return Task.FromResult<UnitOfWork.Verdict<EventApplied>>(decision.ChangesNothing
                ? new UnitOfWork.Done<EventApplied>(new EventApplied(EventResult.Unchanged, loaded))
                : new UnitOfWork.Write<EventApplied>(decision, stored => new EventApplied(EventResult.Applied, stored)) { AppliedEvent = applied });
        }, cancellationToken, also: new SpaceLoad(Event: applied));
}

/// <summary>What applying a provider's event came to.</summary>
public enum EventResult
{
    /// <summary>The space or the invoice it names is not here: the event is only recorded.</summary>
    Unknown,

    /// <summary>Applied, and it changed nothing (a late or repeated report): nothing was written.</summary>
    Unchanged,

    /// <summary>Applied: the change and the event's mark were stored together.</summary>
    Applied,

    /// <summary>The space carries the event's mark: an earlier delivery applied it.</summary>
    AlreadyApplied,
}

/// <summary>What applying a provider's event came to, and the space as it stands after (null when unknown).</summary>
public sealed record EventApplied(EventResult Result, StoredSpace? Space);
