using System.Text.Json;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Functions.Http;
using Billing.Infra.Issuing;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Decisions;

/// <summary>
/// A write request through the <see cref="UnitOfWork"/>: a stored answer to the caller's own
/// Idempotency-Key is replayed (after access is checked again), core decides, a declined charge
/// answers 402 and stores nothing, and the answer goes back once stored; the invoices (number, PDF)
/// and emails are then left to the <see cref="EffectsPump"/>.
/// </summary>
public sealed class DecisionRunner(BillingStorage storage, SpaceStore store, UnitOfWork work, EffectsPump pump, InvoiceIssuing issuing)
{
    /// <summary>Runs <paramref name="request"/>; <paramref name="answer"/> makes the typed success answer (200, 201) of its body.</summary>
    public Task<Results<TAnswer, Replayed, ApiProblem>> RunAsync<TBody, TAnswer>(
        DecisionRequest<TBody> request, Func<TBody, TAnswer> answer, string requestId, CancellationToken cancellationToken)
        where TAnswer : IResult, IStatusCodeHttpResult =>
        RunAsync(request, null, (loaded, context) => Task.FromResult(request.Decide(loaded?.State, context)), answer, requestId, cancellationToken);

    /// <summary>
    /// Runs <paramref name="request"/> on its invoice, read before every attempt in the same query as the space. An
    /// invoice a crash left unnumbered is numbered first, so the write that moves it never races its numbering (V1).
    /// </summary>
    public Task<Results<TAnswer, Replayed, ApiProblem>> RunAsync<TBody, TAnswer>(
        InvoiceRequest<TBody> request, Func<TBody, TAnswer> answer, string requestId, CancellationToken cancellationToken)
        where TAnswer : IResult, IStatusCodeHttpResult
    {
        var general = new DecisionRequest<TBody>(request.Space, (_, _) => throw new InvalidOperationException("Decided on its invoice."), request.Answer, request.IdempotencyKey, request.RequestHash, request.MayReplay);
        return RunAsync(general, request.Invoice, async (loaded, context) =>
        {
            var invoice = loaded?.Also?.Invoice?.Invoice;
            if (invoice is { IsNumbered: false })
            {
                invoice = await issuing.FinishAsync(request.Space, request.Invoice, cancellationToken);
            }

            return request.Decide(loaded?.State, invoice, context);
        }, answer, requestId, cancellationToken);
    }

    private async Task<Results<TAnswer, Replayed, ApiProblem>> RunAsync<TBody, TAnswer>(
        DecisionRequest<TBody> request,
        InvoiceId? invoice,
        Func<StoredSpace?, DecisionContext, Task<Result<Decision>>> decide,
        Func<TBody, TAnswer> answer,
        string requestId,
        CancellationToken cancellationToken)
        where TAnswer : IResult, IStatusCodeHttpResult
    {
        await storage.EnsureReadyAsync(cancellationToken);
        // The idempotency record and the invoice decided on come in the same query as the space.
        var also = request.IdempotencyKey is not null || invoice is not null ? new SpaceLoad(invoice, IdempotencyKey: request.IdempotencyKey) : null;
        var known = request.Known is { Also: var read } given && (also is null || read is not null) ? given : null;
        try
        {
            return await work.RunAsync<Results<TAnswer, Replayed, ApiProblem>>(request.Space, requestId, async (loaded, context) =>
            {
                // Before every attempt: a request with the same key may have been stored meanwhile.
                if (await ReplayAsync<TBody, TAnswer>(request, loaded, cancellationToken) is { } replay)
                {
                    return new UnitOfWork.Done<Results<TAnswer, Replayed, ApiProblem>>(replay);
                }

                var decided = await decide(loaded, context);
                if (!decided.IsSuccess)
                {
                    return new UnitOfWork.Done<Results<TAnswer, Replayed, ApiProblem>>(Problems.From(decided.Error));
                }

                var body = request.Answer(decided.Value);
                var answered = answer(body);
                return new UnitOfWork.Write<Results<TAnswer, Replayed, ApiProblem>>(
                    decided.Value,
                    stored =>
                    {
                        if (!stored.Pending.IsEmpty)
                        {
                            pump.Enqueue(stored); // delivered as stored: the pump need not read the partition again
                        }

                        return answered;
                    },
                    reason => Problems.Code(StatusCodes.Status402PaymentRequired, ErrorCode.PaymentFailed, $"The payment was declined ({reason}); nothing was changed."))
                {
                    Idempotency = request.IdempotencyKey is { } key
                        ? new IdempotencyRecord(key, request.RequestHash!, answered.StatusCode ?? StatusCodes.Status200OK, JsonSerializer.Serialize(body, ApiJson.Options), context.Now)
                        : null,
                };
            }, cancellationToken, known, also: also);
        }
        catch (ConcurrencyConflictException)
        {
            return Problems.StorageUnavailable();
        }
    }

    // The stored answer is the caller's (the key is scoped to them) and goes back only once access is checked again.
    private async Task<Results<TAnswer, Replayed, ApiProblem>?> ReplayAsync<TBody, TAnswer>(DecisionRequest<TBody> request, StoredSpace? loaded, CancellationToken cancellationToken)
        where TAnswer : IResult
    {
        if (request.IdempotencyKey is not { } key)
        {
            return null;
        }

        // Read with the space (a missing space has no record either); a known space given without it, on its own.
        var record = loaded is null ? null : loaded.Also is { } also ? also.Idempotency : await store.FindIdempotencyAsync(request.Space, key, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var state = loaded!.State;

        if (request.MayReplay?.Invoke(state) is { } denied)
        {
            return Problems.From(denied);
        }

        return record.RequestHash == request.RequestHash
            ? new Replayed(record.Status, record.Body)
            : Problems.Code(StatusCodes.Status422UnprocessableEntity, ErrorCode.IdempotencyKeyReused, "This Idempotency-Key was used with another request.");
    }
}
