using System.Collections.Immutable;
using System.Text.Json;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Functions.Http;
using Billing.Infra.Issuing;
using Billing.Infra.Payments;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// The flow of one write (ARCHITECTURE.md): load the space, let core decide, take the charges it
/// asks for, store state + audit + invoices + idempotency record in one transaction, answer, then
/// hand the invoices (number, PDF) and emails to the <see cref="EffectsPump"/>. On a concurrent change (412/409) it reloads and decides again;
/// a charge taken for a decision that was then replaced is refunded. A declined charge writes nothing.
/// </summary>
public sealed partial class DecisionRunner(
    BillingStorage storage,
    SpaceStore store,
    PaymentGateways gateways,
    EffectsPump pump,
    PriceCatalog catalog,
    TimeProvider clock,
    ILogger<DecisionRunner> logger)
{
    // Contention on one space is resolved by deciding again; the jittered pause spreads the retries.
    private const int MaxAttempts = 40;

    public async Task<IResult> RunAsync(DecisionRequest request, string requestId, CancellationToken cancellationToken)
    {
        await storage.EnsureReadyAsync(cancellationToken);
        var taken = new List<ChargeNow>();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var loaded = await store.LoadAsync(request.Space, cancellationToken);
            if (attempt == 1 && await ReplayAsync(request, loaded?.State, cancellationToken) is { } replay)
            {
                return replay;
            }

            var context = new DecisionContext(catalog, clock.GetUtcNow(), requestId);
            var decided = request.Decide(loaded?.State, context);
            if (!decided.IsSuccess)
            {
                await RefundAsync(taken, keep: [], cancellationToken);
                return Problems.From(decided.Error);
            }

            var decision = decided.Value;
            var charges = decision.Effects.OfType<ChargeNow>().ToImmutableArray();
            var invoices = decision.Effects.OfType<IssueInvoice>().ToDictionary(i => i.Draft.Id, i => Invoice.Issue(i.Draft, context.Now));
            var receipts = new List<SendEmail>();
            foreach (var charge in charges)
            {
                ChargeResult result;
                try
                {
                    result = await ChargeAsync(charge, cancellationToken);
                }
                catch (PaymentProviderUnavailableException)
                {
                    // Whether this charge was taken is unknown; refunding by its key settles it either way.
                    await RefundAsync([.. taken, charge], keep: [], cancellationToken);
                    throw;
                }

                if (result is ChargeDeclined declined)
                {
                    await RefundAsync(taken, keep: [], cancellationToken);
                    return Problems.Code(StatusCodes.Status402PaymentRequired, ErrorCode.PaymentFailed, $"The payment was declined ({declined.Reason}); nothing was changed.");
                }

                taken.Add(charge);
                var (charged, receipt) = result is ChargeRequiresAction held
                    ? ChargeOutcomes.HeldNow(decision.State, invoices[charge.Invoice], held.Reference)
                    : ChargeOutcomes.PaidNow(decision.State, invoices[charge.Invoice], context.Now);
                invoices[charge.Invoice] = charged;
                receipts.Add(receipt);
            }

            var answer = request.Answer(decision);
            var idempotency = request.IdempotencyKey is { } key
                ? new IdempotencyRecord(key, request.RequestHash!, answer.Status, JsonSerializer.Serialize(answer.Body, ApiJson.Options), context.Now)
                : null;

            try
            {
                var outbox = decision.Effects.OfType<IssueInvoice>().Cast<Effect>()
                    .Concat(decision.Effects.OfType<SendEmail>())
                    .Concat(receipts)
                    .ToImmutableArray<Effect>();
                await store.SaveAsync(new SpaceWrite(loaded, decision, [.. invoices.Values], idempotency, outbox) { DecidedAt = context.Now }, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                LogConflict(logger, request.Space.Value, attempt);
                if (await ReplayAsync(request, loaded?.State, cancellationToken) is { } replayed)
                {
                    await RefundAsync(taken, keep: [], cancellationToken);
                    return replayed;
                }

                await Task.Delay(Random.Shared.Next(1, 10 + (5 * attempt)), cancellationToken);
                continue;
            }
            catch (StorageUnavailableException)
            {
                // Nothing was stored, so nothing may stay charged.
                await RefundAsync(taken, keep: [], cancellationToken);
                throw;
            }

            await RefundAsync(taken, keep: charges, cancellationToken);
            pump.Enqueue(request.Space);
            return Results.Json(answer.Body, ApiJson.Options, statusCode: answer.Status);
        }

        await RefundAsync(taken, keep: [], cancellationToken);
        return Problems.StorageUnavailable();
    }

    // The stored answer is the caller's (the key is scoped to them) and goes back only once access is checked again.
    private async Task<IResult?> ReplayAsync(DecisionRequest request, SpaceBilling? state, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is not { } key || await store.FindIdempotencyAsync(request.Space, key, cancellationToken) is not { } record)
        {
            return null;
        }

        if ((state is null ? Errors.NotFound() : request.MayReplay?.Invoke(state)) is { } denied)
        {
            return Problems.From(denied);
        }

        return record.RequestHash == request.RequestHash
            ? Results.Text(record.Body, "application/json", statusCode: record.Status)
            : Problems.Code(StatusCodes.Status422UnprocessableEntity, ErrorCode.IdempotencyKeyReused, "This Idempotency-Key was used with another request.");
    }

    private async Task<ChargeResult> ChargeAsync(ChargeNow charge, CancellationToken cancellationToken)
    {
        var gateway = gateways.For(charge.PaymentMethod.Provider)
            ?? throw new InvalidOperationException($"The provider {charge.PaymentMethod.Provider} is not enabled.");
        return await gateway.ChargeAsync(charge, cancellationToken);
    }

    // A charge is kept only when the decision that asked for it was stored; the idempotency key tells them apart.
    private async Task RefundAsync(List<ChargeNow> taken, ImmutableArray<ChargeNow> keep, CancellationToken cancellationToken)
    {
        foreach (var charge in taken.Where(t => !keep.Any(k => k.IdempotencyKey == t.IdempotencyKey)).DistinctBy(t => t.IdempotencyKey))
        {
            try
            {
                await gateways.For(charge.PaymentMethod.Provider)!.RefundAsync(charge, cancellationToken);
            }
            catch (PaymentProviderUnavailableException e)
            {
                // Reconciliation finds it: the payment carries the invoice in its metadata, and no stored invoice claims it.
                LogRefundFailed(logger, e, charge.IdempotencyKey);
            }
        }

        taken.Clear();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The refund of the charge {Key}, which no stored decision keeps, failed; refund it at the provider.")]
    private static partial void LogRefundFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Space {Space} changed while deciding (attempt {Attempt}); deciding again.")]
    private static partial void LogConflict(ILogger logger, string space, int attempt);

}
