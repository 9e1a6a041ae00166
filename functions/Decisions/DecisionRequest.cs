using Billing.Core.Common;
using Billing.Core.Subscriptions;

namespace Billing.Functions.Decisions;

/// <summary>
/// One write request: how core decides it on the space's current state (null when the space is not
/// known yet), and the body answered from the decision. <see cref="IdempotencyKey"/> and
/// <see cref="RequestHash"/> are set for writes that honour <c>Idempotency-Key</c>; the key is the
/// caller's (scoped to them), and a stored answer is replayed only to a caller <see cref="MayReplay"/> lets in.
/// </summary>
/// <typeparam name="TBody">The answer's JSON body.</typeparam>
public sealed record DecisionRequest<TBody>(
    SpaceId Space,
    Func<SpaceBilling?, DecisionContext, Result<Decision>> Decide,
    Func<Decision, TBody> Answer,
    string? IdempotencyKey = null,
    string? RequestHash = null,
    Func<SpaceBilling, DomainError?>? MayReplay = null);
