using System.Text.Json;
using Billing.Core.Common;
using Billing.Core.Subscriptions;
using Billing.Functions.Http;
using Billing.Infra.Storage;

namespace Billing.Functions.Decisions;

/// <summary>
/// A write request through the <see cref="UnitOfWork"/>: a stored answer to the caller's own
/// Idempotency-Key is replayed (after access is checked again), core decides, a declined charge
/// answers 402 and stores nothing, and the answer goes back once stored; the invoices (number, PDF)
/// and emails are then left to the <see cref="EffectsPump"/>.
/// </summary>
public sealed class DecisionRunner(BillingStorage storage, SpaceStore store, UnitOfWork work, EffectsPump pump)
{
    public async Task<IResult> RunAsync(DecisionRequest request, string requestId, CancellationToken cancellationToken)
    {
        await storage.EnsureReadyAsync(cancellationToken);
        try
        {
            return await work.RunAsync<IResult>(request.Space, requestId, async (loaded, context) =>
            {
                // Before every attempt: a request with the same key may have been stored meanwhile.
                if (await ReplayAsync(request, loaded?.State, cancellationToken) is { } replay)
                {
                    return new UnitOfWork.Done<IResult>(replay);
                }

                var decided = request.Decide(loaded?.State, context);
                if (!decided.IsSuccess)
                {
                    return new UnitOfWork.Done<IResult>(Problems.From(decided.Error));
                }

                var answer = request.Answer(decided.Value);
                return new UnitOfWork.Write<IResult>(
                    decided.Value,
                    _ =>
                    {
                        pump.Enqueue(request.Space);
                        return Results.Json(answer.Body, ApiJson.Options, statusCode: answer.Status);
                    },
                    reason => Problems.Code(StatusCodes.Status402PaymentRequired, ErrorCode.PaymentFailed, $"The payment was declined ({reason}); nothing was changed."))
                {
                    Idempotency = request.IdempotencyKey is { } key
                        ? new IdempotencyRecord(key, request.RequestHash!, answer.Status, JsonSerializer.Serialize(answer.Body, ApiJson.Options), context.Now)
                        : null,
                };
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return Problems.StorageUnavailable();
        }
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
}
