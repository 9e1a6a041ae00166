using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;

namespace Billing.Functions.Endpoints;

/// <summary>The billing tab's plan: view, preview, upgrade, change, cancel, resume, trial.</summary>
public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapSubscriptions(this RouteGroupBuilder api)
    {
        api.MapGet("/spaces/{spaceId}/billing", GetBilling).WithName("GetBilling");
        api.MapPost("/spaces/{spaceId}/subscription/preview", Preview).WithName("PreviewSubscription");
        api.MapPost("/spaces/{spaceId}/subscription", Upgrade).WithName("Upgrade");
        api.MapPatch("/spaces/{spaceId}/subscription", Change).WithName("ChangeSubscription");
        api.MapPost("/spaces/{spaceId}/subscription/cancel", Cancel).WithName("CancelSubscription");
        api.MapPost("/spaces/{spaceId}/subscription/resume", Resume).WithName("ResumeSubscription");
        api.MapPost("/spaces/{spaceId}/trial", StartTrial).WithName("StartTrial");
        api.MapDelete("/spaces/{spaceId}/trial", CancelTrial).WithName("CancelTrial");
        return api;
    }

    private static async Task<IResult> GetBilling(string spaceId, HttpContext http, SpaceReader reader, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        var state = await reader.LoadAsync(id, cancellationToken);
        if (state is null || Access.RequireMember(state, caller, ServiceRoles.Sales) is not null)
        {
            return Problems.NotFound();
        }

        return Results.Json(BillingView.Of(state, caller), ApiJson.Options);
    }

    private static async Task<IResult> Preview(
        string spaceId, UpgradeBody? body, HttpContext http, SpaceReader reader, PaymentMethodReader methods, PriceCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        var state = await reader.LoadAsync(id, cancellationToken);
        if (state is null || Access.RequireMember(state, caller, ServiceRoles.Sales) is not null)
        {
            return Problems.NotFound();
        }

        var errors = new FieldErrors();
        var context = new DecisionContext(catalog, clock.GetUtcNow(), RequestContext.RequestId(http));
        Result<PricePreview> preview;
        if (state.Plan is PaidPlan)
        {
            var change = BodyReaders.Change(body is null ? null : new ChangeBody(body.Tier, body.Cycle, body.Seats), errors);
            if (errors.Any)
            {
                return Problems.Invalid(errors.ToDictionary());
            }

            preview = Previews.Change(state, change, caller, context);
        }
        else
        {
            var (method, methodProblem) = await methods.ReadAsync(body?.PaymentMethod, cancellationToken);
            var upgrade = ReadUpgrade(body, caller, state, method, await reader.SurroundingsAsync(state.Space, cancellationToken), errors, billingInfoRequired: false);
            if (errors.Any)
            {
                return Problems.Invalid(errors.ToDictionary());
            }

            if (methodProblem is not null && body?.PaymentMethod?.Provider != "invoice")
            {
                return methodProblem;
            }

            preview = Previews.Upgrade(state, upgrade, caller, context);
        }

        return preview.IsSuccess ? Results.Json(PreviewView.Of(preview.Value), ApiJson.Options) : Problems.From(preview.Error);
    }

    private static async Task<IResult> Upgrade(
        string spaceId, UpgradeBody? body, HttpContext http, DecisionRunner runner, SpaceReader reader, PaymentMethodReader methods, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        var (key, hash, keyProblem) = RequestContext.Idempotency(http, caller, body);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var state = await reader.LoadAsync(id, cancellationToken);
        if (state is null || Access.RequireMember(state, caller, ServiceRoles.Sales) is not null)
        {
            return Problems.NotFound();
        }

        var errors = new FieldErrors();
        var surroundings = await reader.SurroundingsAsync(state.Space, cancellationToken);
        var (method, methodProblem) = await methods.ReadAsync(body?.PaymentMethod, cancellationToken);
        var upgrade = ReadUpgrade(body, caller, state, method, surroundings, errors, billingInfoRequired: true);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (methodProblem is not null)
        {
            return methodProblem;
        }

        return await runner.RunAsync(
            new DecisionRequest(
                id,
                (current, context) => current is null ? Errors.NotFound() : Upgrades.Upgrade(current, WithOwnerLocale(upgrade, body, current), caller, context),
                d => new Answer(StatusCodes.Status201Created, BillingView.Of(d.State, caller)),
                key,
                hash,
                current => Access.RequireMember(current, caller, ServiceRoles.Sales)),
            RequestContext.RequestId(http),
            cancellationToken);
    }

    private static async Task<IResult> Change(string spaceId, ChangeBody? body, HttpContext http, DecisionRunner runner, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        var (key, hash, keyProblem) = RequestContext.Idempotency(http, caller, body);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var errors = new FieldErrors();
        var change = BodyReaders.Change(body, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return await runner.RunAsync(
            new DecisionRequest(
                id,
                (state, context) => state is null ? Errors.NotFound() : Changes.Change(state, change, caller, context),
                d => new Answer(StatusCodes.Status200OK, BillingView.Of(d.State, caller)),
                key,
                hash,
                current => Access.RequireBillingOwner(current, caller, ServiceRoles.Sales)),
            RequestContext.RequestId(http),
            cancellationToken);
    }

    private static Task<IResult> Cancel(string spaceId, HttpContext http, DecisionRunner runner, CancellationToken cancellationToken) =>
        Decide(spaceId, http, runner, Cancellations.Cancel, cancellationToken);

    private static Task<IResult> Resume(string spaceId, HttpContext http, DecisionRunner runner, CancellationToken cancellationToken) =>
        Decide(spaceId, http, runner, Cancellations.Resume, cancellationToken);

    private static Task<IResult> CancelTrial(string spaceId, HttpContext http, DecisionRunner runner, CancellationToken cancellationToken) =>
        Decide(spaceId, http, runner, Trials.Cancel, cancellationToken);

    private static async Task<IResult> StartTrial(string spaceId, TrialBody? body, HttpContext http, DecisionRunner runner, SpaceReader reader, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        var state = await reader.LoadAsync(id, cancellationToken);
        if (state is null || Access.RequireMember(state, caller) is not null)
        {
            return Problems.NotFound();
        }

        var errors = new FieldErrors();
        var tier = errors.Tier("tier", body?.Tier);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var surroundings = await reader.SurroundingsAsync(state.Space, cancellationToken);
        return await runner.RunAsync(
            new DecisionRequest(
                id,
                (current, context) => current is null ? Errors.NotFound() : Trials.Start(current, tier, surroundings, caller, context),
                d => new Answer(StatusCodes.Status201Created, BillingView.Of(d.State, caller))),
            RequestContext.RequestId(http),
            cancellationToken);
    }

    /// <summary>A body-less decision on the space by the caller (cancel, resume, cancel trial).</summary>
    internal static async Task<IResult> Decide(
        string spaceId, HttpContext http, DecisionRunner runner, Func<SpaceBilling, Caller, DecisionContext, Result<Decision>> decide, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        return await runner.RunAsync(
            new DecisionRequest(
                id,
                (state, context) => state is null ? Errors.NotFound() : decide(state, caller, context),
                d => new Answer(StatusCodes.Status200OK, BillingView.Of(d.State, caller))),
            RequestContext.RequestId(http),
            cancellationToken);
    }

    private static UpgradeCommand ReadUpgrade(
        UpgradeBody? body, Caller caller, SpaceBilling state, Billing.Core.Payments.PaymentMethod? method, SpaceSurroundings surroundings, FieldErrors errors, bool billingInfoRequired)
    {
        if (body is null)
        {
            errors.Add("body", "A JSON object is required.");
            return null!;
        }

        var owner = body.BillingOwnerId is null && caller.User is { } self ? self : errors.User("billingOwnerId", body.BillingOwnerId);
        var info = body.BillingInfo is null && !billingInfoRequired
            ? PreviewBillingInfo
            : BodyReaders.BillingInfo(body.BillingInfo, state.Space.Locale ?? Locale.English, errors);
        return new UpgradeCommand(
            errors.Tier("tier", body.Tier),
            errors.Cycle("cycle", body.Cycle),
            errors.Seats("seats", body.Seats),
            owner,
            info,
            method,
            surroundings);
    }

    // Without a locale of its own, the billing information speaks the billing owner's language (V4).
    private static UpgradeCommand WithOwnerLocale(UpgradeCommand upgrade, UpgradeBody? body, SpaceBilling state) =>
        body?.BillingInfo?.Locale is null && state.Members.GetValueOrDefault(upgrade.BillingOwner)?.Locale is { } ownerLocale
            ? upgrade with { BillingInfo = upgrade.BillingInfo with { Locale = ownerLocale } }
            : upgrade;

    // A preview without billing information is priced as for the default currency, without tax.
    private static readonly BillingInfo PreviewBillingInfo =
        new("Preview", "preview@example.invalid", new PostalAddress("-", null, "-", null, null, "US"), null, Locale.English);
}
