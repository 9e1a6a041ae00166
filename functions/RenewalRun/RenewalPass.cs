using System.Diagnostics;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Hosting;
using Billing.Infra.Storage;

namespace Billing.Functions.RenewalRun;

/// <summary>
/// One pass of the renewal run (R1-R3, C2, N2, U10): every space the renewal index says is due is
/// advanced through core one step at a time (scheduled changes, then invoice and charge; trials and
/// cancellations that end; retries), each step stored before the next is decided, its effects carried
/// out after. The index is the checkpoint: a pass that runs out of time leaves the rest due, and the
/// next tick continues. Run twice, or side by side, a period is still invoiced and charged once (R2):
/// each step is an ETag-guarded write, and each period's invoice id is unique.
/// </summary>
public sealed partial class RenewalPass(
    BillingStorage storage,
    RenewalIndex index,
    RenewalBatches batches,
    UnitOfWork work,
    EffectDelivery delivery,
    Requests.TaxIdVerifier taxIds,
    PriceCatalog catalog,
    TimeProvider clock,
    ILogger<RenewalPass> logger)
{
    // A space more periods behind than this continues on the next tick.
    private const int MaxStepsPerSpace = 64;

    /// <summary>
    /// Renews up to <see cref="RenewalOptions.InlineLimit"/> due spaces itself and fans the rest out to
    /// the queue in batches; what neither fits in the budget stays due for the next tick.
    /// </summary>
    public async Task<RenewalSummary> RunAsync(RenewalOptions options, CancellationToken cancellationToken)
    {
        using var activity = BillingTelemetry.Source.StartActivity("RenewalPass");
        await storage.EnsureReadyAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var tally = new RenewalTally();
        var progress = new RenewalProgress(logger, "pass");
        var inline = 0;
        var batch = new List<DueSpace>(options.BatchSize);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };
        var moves = index.Moves();
        await Parallel.ForEachAsync(index.DueAsync(now, cancellationToken), parallel, async (due, token) =>
        {
            progress.Due();
            if (watch.Elapsed > options.Budget)
            {
                tally.Deferred();
                progress.Deferred();
            }
            else if (Interlocked.Increment(ref inline) <= options.InlineLimit)
            {
                await ProcessAsync(due.Space, due.DueAt, now, moves, tally, progress, token);
            }
            else
            {
                tally.Deferred();
                progress.Deferred();
                RenewalBatch? full = null;
                lock (batch)
                {
                    batch.Add(new DueSpace(due.Space, due.DueAt));
                    if (batch.Count == options.BatchSize)
                    {
                        full = new RenewalBatch([.. batch]);
                        batch.Clear();
                    }
                }

                if (full is not null)
                {
                    await batches.EnqueueAsync(full, token);
                }
            }
        });

        if (batch.Count > 0)
        {
            await batches.EnqueueAsync(new RenewalBatch([.. batch]), cancellationToken);
        }

        await FlushAsync(moves, cancellationToken);

        progress.Finish(activity);
        var summary = tally.ToSummary();
        LogPass(logger, summary.Renewed, summary.Canceled, summary.Failed, summary.Retried, summary.InvoicesEmailed, summary.Remaining, watch.ElapsedMilliseconds);
        return summary;
    }

    /// <summary>Renews one batch from the queue (the queue-triggered function and the app's own consumer).</summary>
    public async Task<RenewalSummary> RunBatchAsync(RenewalBatch batch, CancellationToken cancellationToken)
    {
        using var activity = BillingTelemetry.Source.StartActivity("RenewalBatch");
        await storage.EnsureReadyAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var tally = new RenewalTally();
        var progress = new RenewalProgress(logger, "batch");
        var moves = index.Moves();
        foreach (var due in batch.Spaces)
        {
            progress.Due();
            await ProcessAsync(due.Space, due.DueAt, now, moves, tally, progress, cancellationToken);
        }

        await FlushAsync(moves, cancellationToken);

        progress.Finish(activity);
        return tally.ToSummary();
    }

    // The index moves held back for batching: one that is not written leaves the space's old row, so it is only looked at again.
    private async Task FlushAsync(RenewalIndexMoves moves, CancellationToken cancellationToken)
    {
        try
        {
            await moves.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogIndexFailed(logger, e);
        }
    }

    /// <summary>Brings one space up to <paramref name="now"/>. Failures stay with the space: it remains due and the pass goes on.</summary>
    private async Task ProcessAsync(
        SpaceId space, DateTimeOffset indexedFor, DateTimeOffset now, RenewalIndexMoves moves, RenewalTally tally, RenewalProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            await AdvanceAsync(space, indexedFor, now, moves, tally, cancellationToken);
            progress.Done();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSpaceFailed(logger, e, space.Value);
            tally.Deferred();
            progress.Failed();
        }
    }

    private async Task AdvanceAsync(SpaceId space, DateTimeOffset indexedFor, DateTimeOffset now, RenewalIndexMoves moves, RenewalTally tally, CancellationToken cancellationToken)
    {
        // What a crash left undone, first. Delivery answers the space as it then stands, so each step
        // decides on it without reading it again (on Azurite every read of a partition scans the table).
        var loaded = await delivery.DeliverAsync(space, tally, cancellationToken);
        if (loaded is not null && TaxStatus.NeedsRecheck(loaded.State))
        {
            loaded = await RecheckTaxIdAsync(space, loaded, now, cancellationToken);
        }

        for (var step = 0; step < MaxStepsPerSpace && loaded is not null; step++)
        {
            var (current, advanced) = await work.RunAsync<(StoredSpace?, bool)>(space, "renewal-run", (known, context) =>
            {
                var decision = known is null ? null : Renewals.Advance(known.State, context);
                return Task.FromResult<UnitOfWork.Verdict<(StoredSpace?, bool)>>(decision is null || decision.ChangesNothing
                    ? new UnitOfWork.Done<(StoredSpace?, bool)>((known, false))
                    : new UnitOfWork.Write<(StoredSpace?, bool)>(decision, stored =>
                    {
                        tally.Count(RenewalSteps.Of(known!.State, decision));
                        return (stored, true);
                    }) { IndexedByRenewalRun = true });
            }, cancellationToken, known: loaded, at: now);
            if (!advanced)
            {
                var next = current is null ? null : Renewals.NextDueAt(current.State, catalog.Policy);
                await moves.MoveAsync(space, next, indexedFor, cancellationToken);
                return;
            }

            loaded = await delivery.DeliverAsync(current!, tally, cancellationToken);
        }

        if (loaded is null)
        {
            await moves.MoveAsync(space, null, indexedFor, cancellationToken);
        }
    }

    // T2: an id VIES could not confirm when it was given is asked about again before the renewal
    // invoices, so a confirmed one is reverse-charged from this invoice on; VIES down again changes nothing.
    private async Task<StoredSpace?> RecheckTaxIdAsync(SpaceId space, StoredSpace loaded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var answer = await taxIds.AskAgainAsync(loaded.State.Subscription!.BillingInfo.TaxId!, cancellationToken);
        return await work.RunAsync<StoredSpace?>(space, "renewal-run", (known, context) =>
        {
            var decision = known is null ? null : TaxStatus.Recheck(known.State, answer, RenewalCaller, context);
            return Task.FromResult<UnitOfWork.Verdict<StoredSpace?>>(decision is null || decision.ChangesNothing
                ? new UnitOfWork.Done<StoredSpace?>(known)
                : new UnitOfWork.Write<StoredSpace?>(decision, stored => stored) { IndexedByRenewalRun = true });
        }, cancellationToken, known: loaded, at: now);
    }

    private static readonly Billing.Core.Spaces.Caller RenewalCaller = Billing.Core.Spaces.Caller.System("renewal-run");

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Renewal pass: {Renewed} renewed, {Canceled} canceled, {Failed} failed, {Retried} retried, {InvoicesEmailed} invoices emailed, {Remaining} remaining, in {ElapsedMs} ms.")]
    private static partial void LogPass(ILogger logger, int renewed, int canceled, int failed, int retried, int invoicesEmailed, int remaining, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewal index rows were not all moved; the spaces concerned stay due by their old rows and are looked at again.")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewal of space {Space} failed; it stays due for the next pass.")]
    private static partial void LogSpaceFailed(ILogger logger, Exception exception, string space);
}
