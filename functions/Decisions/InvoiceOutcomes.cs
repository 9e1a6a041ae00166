using System.Collections.Immutable;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Infra.Issuing;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// Applies what happened to one invoice's payment (a charge's answer, a provider's event) through
/// core: loads the space and the invoice, decides, and stores the new state, the invoice's new
/// status, the emails to send and, when given, the outbox row that asked for it, in one transaction;
/// on a concurrent change it decides again. Core's outcomes never move backwards, so a repeat changes nothing.
/// </summary>
public sealed partial class InvoiceOutcomes(
    SpaceStore store,
    InvoiceLedger ledger,
    InvoiceIssuing issuing,
    PriceCatalog catalog,
    TimeProvider clock,
    ILogger<InvoiceOutcomes> logger)
{
    public delegate (Decision Decision, Invoice Invoice) Outcome(SpaceBilling state, Invoice invoice, DecisionContext context);

    /// <summary>What the caller already holds, so that applying an outcome need not read it again.</summary>
    /// <param name="Space">The space as last stored (a stale one only costs a conflict and a reload).</param>
    /// <param name="Invoice">The invoice just numbered by the same caller.</param>
    /// <param name="CompletedEffects">Outbox rows carried out (the charge that asked, the invoice it finished): removed in the same transaction.</param>
    public sealed record Known(StoredSpace? Space = null, Invoice? Invoice = null, ImmutableArray<string> CompletedEffects = default);

    /// <summary>The space and the invoice as the outcome left them.</summary>
    public sealed record Applied(StoredSpace Space, Invoice Invoice);

    /// <returns>
    /// The space and the invoice as stored after, or null when either does not exist (an event about an unknown invoice is only recorded).
    /// <c>indexedByRenewalRun</c>: the renewal run applies this while working on the space, and reindexes it after.
    /// </returns>
    public async Task<Applied?> ApplyAsync(
        SpaceId space, InvoiceId invoiceId, string requestId, Outcome outcome, Known known, CancellationToken cancellationToken,
        bool indexedByRenewalRun = false)
    {
        var stored = known.Invoice is { IsNumbered: true } given && given.Id == invoiceId
            ? given
            : (await ledger.GetAsync(space, invoiceId, cancellationToken))?.Invoice;
        if (stored is null)
        {
            return null;
        }

        // Numbered already in the usual case; an invoice a crash left unnumbered is finished first, then read again.
        var invoice = stored.IsNumbered ? stored : await issuing.FinishAsync(space, invoiceId, cancellationToken);
        var fresh = stored.IsNumbered;
        var completed = known.CompletedEffects.IsDefault ? [] : known.CompletedEffects;
        Invoice? after = null;
        var storedSpace = await StoreAsync(space, requestId, known.Space, async (loaded, context) =>
        {
            if (!fresh)
            {
                stored = (await ledger.GetAsync(space, invoiceId, cancellationToken))?.Invoice;
            }

            fresh = false; // after a conflict the invoice may have moved too
            if (stored is not { } current)
            {
                return (Found: false, Write: null);
            }

            invoice = current.IsNumbered ? current : invoice;
            var (decision, updated) = outcome(loaded.State, invoice, context);
            // Only rows still there: another delivery may have carried one out meanwhile.
            var stillPending = completed.Where(k => loaded.Pending.Any(p => p.RowKey == k)).ToImmutableArray();
            after = updated == invoice ? current : updated;
            if (decision.ChangesNothing && after == current && stillPending.IsEmpty)
            {
                return (Found: true, Write: null); // a repeated or late answer: nothing to store
            }

            return (Found: true, Write: new SpaceWrite(loaded, decision, [], null, [.. decision.Effects.OfType<SendEmail>()])
            {
                DecidedAt = context.Now,
                UpdatedInvoices = after == current ? [] : [after],
                CompletedEffects = stillPending,
                IndexedByRenewalRun = indexedByRenewalRun,
            });
        }, cancellationToken);
        return storedSpace is null || after is null ? null : new Applied(storedSpace, after);
    }

    /// <summary>A decision about the space that touches no invoice (a saved method updated or removed, a dispute), stored the same way.</summary>
    public async Task<bool> ApplyAsync(SpaceId space, string requestId, Func<SpaceBilling, DecisionContext, Decision> decide, CancellationToken cancellationToken) =>
        await StoreAsync(space, requestId, null, (loaded, context) =>
        {
            var decision = decide(loaded.State, context);
            return Task.FromResult<(bool, SpaceWrite?)>((true, decision.ChangesNothing
                ? null
                : new SpaceWrite(loaded, decision, [], null, [.. decision.Effects.OfType<SendEmail>()]) { DecidedAt = context.Now }));
        }, cancellationToken) is not null;

    /// <summary>
    /// Loads the space (or takes the one the caller holds, first), lets <paramref name="decide"/> say whether
    /// what it is about exists and what to write (no write: nothing changed), stores it, and decides again
    /// on a concurrent change. Answers the space as stored, or null when what it is about does not exist.
    /// </summary>
    private async Task<StoredSpace?> StoreAsync(
        SpaceId space, string requestId, StoredSpace? known, Func<StoredSpace, DecisionContext, Task<(bool Found, SpaceWrite? Write)>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var loaded = attempt == 0 && known is not null ? known : await store.LoadAsync(space, cancellationToken);
            if (loaded is null)
            {
                return null;
            }

            var (found, write) = await decide(loaded, new DecisionContext(catalog, clock.GetUtcNow(), requestId));
            if (!found)
            {
                return null;
            }

            if (write is null)
            {
                return loaded;
            }

            try
            {
                return await store.SaveAsync(write, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                LogConflict(logger, space.Value, requestId);
            }
        }

        throw new ConcurrencyConflictException($"The space {space} kept changing while applying {requestId}.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Space {Space} changed while applying {Request}; applying again.")]
    private static partial void LogConflict(ILogger logger, string space, string request);
}
