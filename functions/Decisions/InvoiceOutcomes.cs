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

    /// <returns>
    /// Whether the space and the invoice exist (an event about an unknown invoice is only recorded).
    /// <c>indexedByRenewalRun</c>: the renewal run applies this while working on the space, and reindexes it after.
    /// <c>heldPayment</c>: the provider's payment that waits for the billing owner, kept on the invoice for its confirmation.
    /// </returns>
    public async Task<bool> ApplyAsync(
        SpaceId space, InvoiceId invoiceId, string requestId, Outcome outcome, string? completedEffect, CancellationToken cancellationToken,
        bool indexedByRenewalRun = false, string? heldPayment = null)
    {
        var stored = await ledger.GetAsync(space, invoiceId, cancellationToken);
        if (stored is null)
        {
            return false;
        }

        // Numbered already in the usual case; an invoice a crash left unnumbered is finished first, then read again.
        var invoice = stored.Value.Record.Invoice ?? await issuing.FinishAsync(space, invoiceId, cancellationToken);
        var fresh = stored.Value.Record.IsNumbered;
        return await StoreAsync(space, requestId, async (loaded, context) =>
        {
            if (!fresh)
            {
                stored = await ledger.GetAsync(space, invoiceId, cancellationToken);
            }

            fresh = false; // after a conflict the invoice may have moved too
            if (stored is not { } current)
            {
                return (Found: false, Write: null);
            }

            invoice = current.Record.Invoice ?? invoice;
            var (decision, updated) = outcome(loaded.State, invoice, context);
            var holds = heldPayment is not null && heldPayment != current.Record.HeldPayment;
            if (decision.ChangesNothing && updated == invoice && completedEffect is null && !holds)
            {
                return (Found: true, Write: null); // a repeated or late answer: nothing to store
            }

            return (Found: true, Write: new SpaceWrite(loaded, decision, [], null, [.. decision.Effects.OfType<SendEmail>()])
            {
                DecidedAt = context.Now,
                UpdatedInvoices = updated == invoice && !holds
                    ? []
                    : [current.Record with { Status = updated.Status, PaidAt = updated.PaidAt, HeldPayment = updated.IsSettled ? null : heldPayment ?? current.Record.HeldPayment }],
                CompletedEffects = completedEffect is null ? [] : [completedEffect],
                IndexedByRenewalRun = indexedByRenewalRun,
            });
        }, cancellationToken);
    }

    /// <summary>A decision about the space that touches no invoice (a saved method updated or removed, a dispute), stored the same way.</summary>
    public Task<bool> ApplyAsync(SpaceId space, string requestId, Func<SpaceBilling, DecisionContext, Decision> decide, CancellationToken cancellationToken) =>
        StoreAsync(space, requestId, (loaded, context) =>
        {
            var decision = decide(loaded.State, context);
            return Task.FromResult<(bool, SpaceWrite?)>((true, decision.ChangesNothing
                ? null
                : new SpaceWrite(loaded, decision, [], null, [.. decision.Effects.OfType<SendEmail>()]) { DecidedAt = context.Now }));
        }, cancellationToken);

    /// <summary>
    /// Loads the space, lets <paramref name="decide"/> say whether what it is about exists and what to write
    /// (no write: nothing changed), stores it, and decides again on a concurrent change.
    /// </summary>
    private async Task<bool> StoreAsync(
        SpaceId space, string requestId, Func<StoredSpace, DecisionContext, Task<(bool Found, SpaceWrite? Write)>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await store.LoadAsync(space, cancellationToken) is not { } loaded)
            {
                return false;
            }

            var (found, write) = await decide(loaded, new DecisionContext(catalog, clock.GetUtcNow(), requestId));
            if (!found || write is null)
            {
                return found;
            }

            try
            {
                await store.SaveAsync(write, cancellationToken);
                return true;
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
