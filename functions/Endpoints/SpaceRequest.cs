using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Views;
using Billing.Infra.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Endpoints;

/// <summary>
/// A request on one space (<c>/api/spaces/{spaceId}/...</c>), bound with <c>[AsParameters]</c>: the route's
/// space, the request, and the services to look and decide. Its methods are the preamble every such
/// endpoint shares, written once: who calls, which space, whether the caller may see it, the
/// <c>Idempotency-Key</c>, and a decision through the write pipeline.
/// </summary>
public sealed record SpaceRequest(
    [FromRoute(Name = "spaceId")] string SpaceId,
    HttpContext Http,
    [FromServices] SpaceReader Reader,
    [FromServices] DecisionRunner Runner,
    CancellationToken CancellationToken)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The caller and the route's space id, or the problem to answer (401 without a caller, 400 for a bad id).</summary>
    public (Caller Caller, SpaceId Space, ApiProblem? Problem) Read()
    {
        if (Http.GetCaller() is not { } caller)
        {
            return (null!, default, Problems.Unauthenticated());
        }

        return Billing.Core.Common.SpaceId.TryParse(SpaceId, out var id)
            ? (caller, id, null)
            : (caller, default, Problems.Invalid("spaceId", "An id of 1 to 64 characters from [A-Za-z0-9_-]."));
    }

    /// <summary>
    /// The space as stored, for a caller core's <paramref name="access"/> lets in; otherwise the problem
    /// to answer (404 for a missing space, and for a caller who is no member: probing tells nothing).
    /// </summary>
    public async Task<(Caller Caller, SpaceBilling State, ApiProblem? Problem)> LoadAsync(Func<SpaceBilling, Caller, DomainError?> access)
    {
        var (caller, stored, problem) = await LoadStoredAsync(access, null);
        return (caller, stored?.State!, problem);
    }

    /// <summary>
    /// As <see cref="LoadAsync"/>, the space as stored, with the caller's idempotency record when <paramref name="idempotencyKey"/>
    /// is given: a write that follows decides on it first (<see cref="DecisionRequest{TBody}.Known"/>) without reading it again.
    /// </summary>
    public async Task<(Caller Caller, StoredSpace Stored, ApiProblem? Problem)> LoadStoredAsync(Func<SpaceBilling, Caller, DomainError?> access, string? idempotencyKey)
    {
        var (caller, id, problem) = Read();
        if (problem is not null)
        {
            return (caller, null!, problem);
        }

        var stored = await Reader.LoadStoredAsync(id, idempotencyKey is null ? null : new SpaceLoad(IdempotencyKey: idempotencyKey), CancellationToken);
        if ((stored is null ? Errors.NotFound() : access(stored.State, caller)) is { } denied)
        {
            return (caller, null!, Problems.From(denied));
        }

        return (caller, stored!, null);
    }

    /// <summary>
    /// The request's id for the audit trail (A1): the server's own (the request id of its logs), and
    /// beside it the caller's <c>X-Request-Id</c> when that is a sane id (<c>{server};client={caller}</c>).
    /// A caller's id alone could name another request, or many.
    /// </summary>
    public string RequestId =>
        Http.Request.Headers["X-Request-Id"].ToString() is { Length: > 0 and <= 64 } given && Identifier.IsValid(given)
            ? $"{Http.TraceIdentifier};client={given}"
            : Http.TraceIdentifier;

    /// <summary>
    /// <see cref="Read"/>, then the <c>Idempotency-Key</c> of a write that may be retried: scoped to the caller
    /// (another caller's same key is a request of its own), with a hash of what it asks (method, path,
    /// <paramref name="body"/>); without the header both are null. Or the problem to answer, a malformed key's included.
    /// </summary>
    public (Caller Caller, SpaceId Space, string? Key, string? Hash, ApiProblem? Problem) ReadKeyed<TBody>(TBody body)
    {
        var (caller, id, problem) = Read();
        if (problem is not null)
        {
            return (caller, id, null, null, problem);
        }

        var (key, hash, keyProblem) = Idempotency(caller, body);
        return (caller, id, key, hash, keyProblem);
    }

    private (string? Key, string? Hash, ApiProblem? Problem) Idempotency<TBody>(Caller caller, TBody body)
    {
        var key = Http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length == 0)
        {
            return (null, null, null);
        }

        if (key.Length > 255 || key.Any(char.IsControl))
        {
            return (null, null, Problems.Invalid(IdempotencyKeyHeader, "At most 255 printable characters."));
        }

        var what = $"{Http.Request.Method} {Http.Request.Path}\n{JsonSerializer.Serialize(body, ApiJson.Options)}";
        return ($"{caller.AuditName}\n{key}", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(what))), null);
    }

    /// <summary>Runs <paramref name="request"/> through the write pipeline; <paramref name="answer"/> makes its success answer.</summary>
    public Task<Results<TAnswer, Replayed, ApiProblem>> RunAsync<TBody, TAnswer>(DecisionRequest<TBody> request, Func<TBody, TAnswer> answer)
        where TAnswer : IResult, IStatusCodeHttpResult =>
        Runner.RunAsync(request, answer, RequestId, CancellationToken);

    /// <summary>Runs <paramref name="request"/>, a decision on one of the space's invoices, through the write pipeline.</summary>
    public Task<Results<TAnswer, Replayed, ApiProblem>> RunAsync<TBody, TAnswer>(InvoiceRequest<TBody> request, Func<TBody, TAnswer> answer)
        where TAnswer : IResult, IStatusCodeHttpResult =>
        Runner.RunAsync(request, answer, RequestId, CancellationToken);

    /// <summary>A decision of core's on the existing space by the caller, answered 200 with the billing tab as the caller sees it.</summary>
    public async Task<Results<Ok<BillingView>, Replayed, ApiProblem>> DecideAsync(Func<SpaceBilling, Caller, DecisionContext, Result<Decision>> decide)
    {
        var (caller, id, problem) = Read();
        if (problem is not null)
        {
            return problem;
        }

        return await RunAsync(
            new DecisionRequest<BillingView>(id, (state, context) => state is null ? Errors.NotFound() : decide(state, caller, context), d => BillingView.Of(d.State, caller)),
            TypedResults.Ok);
    }
}
