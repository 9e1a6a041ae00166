using System.Collections.Immutable;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Infra.Payments;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// The one write pipeline (ARCHITECTURE.md): every write, whether a request, a renewal step, a charge's
/// outcome or a webhook, loads the space's partition, lets core decide, takes the charges core wants
/// taken now (<see cref="ChargeNow"/>), stores the new state, its invoices, audit, idempotency record and
/// outbox in one transaction under the space's ETag, and answers the space as stored for delivery.
/// On a concurrent change it reloads and decides again (one retry policy). A charge taken for a
/// decision that was not stored (it lost a race, was declined further on, or storage failed) is refunded
/// here, and only here.
/// </summary>
public sealed partial class UnitOfWork(SpaceStore store, PaymentGateways gateways, PriceCatalog catalog, TimeProvider clock, ILogger<UnitOfWork> logger)
{
    // Contention on one space is resolved by deciding again; the jittered pause spreads the retries.
    private const int MaxAttempts = 40;

    /// <summary>What one attempt concluded, given the space as loaded.</summary>
    /// <typeparam name="T">What the caller answers.</typeparam>
    public abstract record Verdict<T>;

    /// <summary>Nothing to store (a domain error, a replayed answer, a repeat that changes nothing): answer <paramref name="Result"/>.</summary>
    public sealed record Done<T>(T Result) : Verdict<T>;

    /// <summary>Store <paramref name="Decision"/>, and answer what <paramref name="Stored"/> makes of the space as stored.</summary>
    /// <param name="Decision">Core's decision: new state, effects, audit.</param>
    /// <param name="Stored">The answer once stored.</param>
    /// <param name="Declined">The answer when a charge core wants taken now is declined (nothing is stored).</param>
    public sealed record Write<T>(Decision Decision, Func<StoredSpace, T> Stored, Func<string, T>? Declined = null) : Verdict<T>
    {
        /// <summary>Invoices already stored whose life the decision moved (paid, past due, held).</summary>
        public ImmutableArray<Invoice> UpdatedInvoices { get; init; } = [];

        /// <inheritdoc cref="SpaceWrite.NeverReceivable"/>
        public ImmutableArray<InvoiceId> NeverReceivable { get; init; } = [];

        /// <summary>Outbox rows this write carried out, removed in the same transaction so that it counts once.</summary>
        public ImmutableArray<string> CompletedEffects { get; init; } = [];

        public IdempotencyRecord? Idempotency { get; init; }

        /// <inheritdoc cref="SpaceWrite.IndexedByRenewalRun"/>
        public bool IndexedByRenewalRun { get; init; }

        /// <inheritdoc cref="SpaceWrite.AppliedEvent"/>
        public ProviderEvent? AppliedEvent { get; init; }
    }

    /// <summary>
    /// Runs one write on <paramref name="space"/>. <paramref name="known"/>: the space as the caller holds it,
    /// decided on first without reading it again (a stale one only costs a conflict). <paramref name="at"/>:
    /// the business time to decide at (the renewal run decides a whole pass at its start), the clock's now otherwise.
    /// <paramref name="also"/>: rows of the partition the decision needs besides the space, read in the same query
    /// each time the space is loaded (<see cref="StoredSpace.Also"/>).
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The space kept changing for every attempt.</exception>
    public async Task<T> RunAsync<T>(
        SpaceId space,
        string? requestId,
        Func<StoredSpace?, DecisionContext, Task<Verdict<T>>> decide,
        CancellationToken cancellationToken,
        StoredSpace? known = null,
        DateTimeOffset? at = null,
        SpaceLoad? also = null)
    {
        var taken = new List<Charge>();
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var loaded = attempt == 1 && known is not null ? known : await store.LoadAsync(space, also, cancellationToken);
                var context = new DecisionContext(catalog, at ?? clock.GetUtcNow(), requestId);
                var step = await decide(loaded, context);
                if (step is not Write<T> write)
                {
                    return ((Done<T>)step).Result;
                }

                var invoices = write.Decision.Effects.OfType<IssueInvoice>().ToDictionary(i => i.Draft.Id, i => Invoice.Issue(i.Draft, context.Now));
                var receipts = new List<SendEmail>();
                foreach (var charge in write.Decision.Effects.OfType<ChargeNow>().Select(c => c.Charge))
                {
                    ChargeResult result;
                    try
                    {
                        result = await gateways.Of(charge).ChargeAsync(charge, cancellationToken);
                    }
                    catch (PaymentProviderUnavailableException)
                    {
                        taken.Add(charge); // whether it was taken is unknown: refunding by its key settles it either way
                        throw;
                    }

                    if (result is ChargeDeclined declined)
                    {
                        return (write.Declined ?? throw new InvalidOperationException("A write that charges now says how to answer a decline."))(declined.Reason);
                    }

                    taken.Add(charge);

                    var (charged, receipt) = result is ChargeRequiresAction held
                        ? ChargeOutcomes.HeldNow(write.Decision.State, invoices[charge.Invoice], held.Reference)
                        : ChargeOutcomes.PaidNow(write.Decision.State, invoices[charge.Invoice], context.Now, (result as ChargeSucceeded)?.Reference);
                    invoices[charge.Invoice] = charged;
                    receipts.Add(receipt);
                }

                var outbox = write.Decision.Effects.Where(e => e is not ChargeNow).Concat(receipts).ToImmutableArray();
                try
                {
                    var stored = await store.SaveAsync(
                        new SpaceWrite(loaded, write.Decision, [.. invoices.Values], write.Idempotency, outbox)
                        {
                            DecidedAt = context.Now,
                            UpdatedInvoices = [.. write.UpdatedInvoices, .. write.Decision.MovedInvoices],
                            NeverReceivable = write.NeverReceivable,
                            CompletedEffects = write.CompletedEffects,
                            IndexedByRenewalRun = write.IndexedByRenewalRun,
                            AppliedEvent = write.AppliedEvent,
                        },
                        cancellationToken);
                    taken.RemoveAll(t => write.Decision.Effects.OfType<ChargeNow>().Any(kept => kept.Charge.IdempotencyKey == t.IdempotencyKey));
                    return write.Stored(stored);
                }
                catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
                {
                    LogConflict(logger, space.Value, requestId, attempt);
                    await Task.Delay(Random.Shared.Next(1, 10 + (5 * attempt)), cancellationToken);
                }
            }

            throw new ConcurrencyConflictException($"The space {space} kept changing while deciding {requestId}.");
        }
        finally
        {
            // Whatever ended the write (stored, declined, replayed, failed), a charge no stored decision keeps goes back,
            // even when the caller gave up meanwhile.
            await RefundAsync(taken);
        }
    }

    private async Task RefundAsync(List<Charge> taken)
    {
        foreach (var charge in taken.DistinctBy(t => t.IdempotencyKey))
        {
            try
            {
                await gateways.Of(charge).RefundAsync(charge, CancellationToken.None);
            }
            catch (PaymentProviderUnavailableException e)
            {
                // Reconciliation finds it: the payment carries the invoice in its metadata, and no stored invoice claims it.
                LogRefundFailed(logger, e, charge.IdempotencyKey);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The refund of the charge {Key}, which no stored decision keeps, failed; refund it at the provider.")]
    private static partial void LogRefundFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Space {Space} changed while deciding {Request} (attempt {Attempt}); deciding again.")]
    private static partial void LogConflict(ILogger logger, string space, string? request, int attempt);
}
