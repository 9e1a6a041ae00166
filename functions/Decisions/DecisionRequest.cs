using Billing.Core.Common;
using Billing.Core.Subscriptions;
using Billing.Infra.Storage;

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
    Func<SpaceBilling, DomainError?>? MayReplay = null)
{
    /// <summary>The space as the endpoint read it just before (with the idempotency record when keyed): the first attempt decides on it without reading it again.</summary>
    public StoredSpace? Known { get; init; }
}
