using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Endpoints;

/// <summary>The billing tab's plan: view, preview, upgrade, change, cancel, resume, trial.</summary>
public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapSubscriptions(this RouteGroupBuilder space)
    {
        space.MapGet("/billing", GetBilling).WithName("GetBilling");
        space.MapPost("/subscription/preview", Preview).WithName("PreviewSubscription").ProducesProblems(StatusCodes.Status402PaymentRequired, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        var writes = space.MapGroup("").ProducesProblems(
            StatusCodes.Status402PaymentRequired, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        writes.MapPost("/subscription", Upgrade).WithName("Upgrade");
        writes.MapPatch("/subscription", Change).WithName("ChangeSubscription");
        writes.MapPost("/subscription/cancel", Cancel).WithName("CancelSubscription");
        writes.MapPost("/subscription/resume", Resume).WithName("ResumeSubscription");
        writes.MapPost("/trial", StartTrial).WithName("StartTrial");
        writes.MapDelete("/trial", CancelTrial).WithName("CancelTrial");
        return space;
    }

    private static async Task<Results<Ok<BillingView>, ApiProblem>> GetBilling([AsParameters] SpaceRequest request)
    {
        var (caller, state, problem) = await request.LoadAsync(AsMemberOrSales);
        return problem is not null ? problem : TypedResults.Ok(BillingView.Of(state, caller));
    }

    private static async Task<Results<Ok<PreviewView>, ApiProblem>> Preview(
        [AsParameters] SpaceRequest request, UpgradeBody? body, PaymentMethodReader methods, TaxIdVerifier taxIds, PriceCatalog catalog, TimeProvider clock)
    {
        var (caller, state, problem) = await request.LoadAsync(AsMemberOrSales);
        if (problem is not null)
        {
            return problem;
        }

        var context = new DecisionContext(catalog, clock.GetUtcNow(), request.RequestId);
        Result<PricePreview> preview;
        if (state.Plan is PaidPlan)
        {
            var errors = new FieldErrors();
            var change = BodyReaders.Change(body is null ? null : new ChangeBody(body.Tier, body.Cycle, body.Seats), errors);
            if (errors.Any)
            {
                return Problems.Invalid(errors.ToDictionary());
            }

            preview = Previews.Change(state, change, caller, context);
        }
        else
        {
            var (upgrade, upgradeProblem) = await ReadUpgradeAsync(request, body, caller, state, methods, taxIds, preview: true);
            if (upgradeProblem is not null)
            {
                return upgradeProblem;
            }

            preview = Previews.Upgrade(state, upgrade, caller, context);
        }

        return preview.IsSuccess ? TypedResults.Ok(PreviewView.Of(preview.Value)) : Problems.From(preview.Error);
    }

    private static async Task<Results<Created<BillingView>, Replayed, ApiProblem>> Upgrade(
        [AsParameters] SpaceRequest request, UpgradeBody? body, PaymentMethodReader methods, TaxIdVerifier taxIds, PlanStarts planStarts)
    {
        var (caller, id, key, hash, problem) = request.ReadKeyed(body);
        if (problem is not null)
        {
            return problem;
        }

        var (_, stored, denied) = await request.LoadStoredAsync(AsMemberOrSales, key);
        if (denied is not null)
        {
            return denied;
        }

        var state = stored.State;
        // The plans around are read, and this one stored, while no other plan starts in the organization (U6, S4).
        await using var turn = await planStarts.WaitTurnAsync(state.Space, request.CancellationToken);
        var (upgrade, upgradeProblem) = await ReadUpgradeAsync(request, body, caller, state, methods, taxIds, preview: false);
        if (upgradeProblem is not null)
        {
            return upgradeProblem;
        }

        return await request.RunAsync(
            new DecisionRequest<BillingView>(
                id,
                (current, context) => current is null ? Errors.NotFound() : Upgrades.Upgrade(current, upgrade, caller, context),
                d => BillingView.Of(d.State, caller),
                key,
                hash,
                current => AsMemberOrSales(current, caller))
            {
                // Read before the turn was taken, so possibly stale in an organization: that costs a conflict and a reload, no more.
                Known = stored,
            },
            view => TypedResults.Created((string?)null, view));
    }

    private static async Task<Results<Ok<BillingView>, Replayed, ApiProblem>> Change([AsParameters] SpaceRequest request, ChangeBody? body)
    {
        var (caller, id, key, hash, problem) = request.ReadKeyed(body);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var change = BodyReaders.Change(body, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return await request.RunAsync(
            new DecisionRequest<BillingView>(
                id,
                (state, context) => state is null ? Errors.NotFound() : Changes.Change(state, change, caller, context),
                d => BillingView.Of(d.State, caller),
                key,
                hash,
                current => Access.RequireBillingOwner(current, caller, ServiceRoles.Sales)),
            TypedResults.Ok);
    }

    /// <summary>Cancel at period end (C2), or with <c>{ "at": "now", "refund": ... }</c> end at once, sales only (U12).</summary>
    private static async Task<Results<Ok<BillingView>, Replayed, ApiProblem>> Cancel([AsParameters] SpaceRequest request, CancelBody? body)
    {
        if (body?.At is null && body?.Refund is null)
        {
            return await request.DecideAsync(Cancellations.Cancel);
        }

        var (caller, id, key, hash, problem) = request.ReadKeyed(body);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        if (body.At != "now")
        {
            errors.Add("at", "\"now\" ends the plan at once (U12, sales only); leave the body empty to cancel at the end of the paid period (C2).");
        }

        if (body.Refund is not ("none" or "prorated"))
        {
            errors.Add("refund", "\"prorated\" (the unused part refunded with a credit note) or \"none\".");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return await request.RunAsync(
            new DecisionRequest<BillingView>(
                id,
                (state, context) => state is null ? Errors.NotFound() : Cancellations.EndNow(state, body.Refund == "prorated", caller, context),
                d => BillingView.Of(d.State, caller),
                key,
                hash,
                // The plan the first request ended is gone by the replay: the caller need only still see the space.
                current => AsMemberOrSales(current, caller)),
            TypedResults.Ok);
    }

    private static async Task<Results<Ok<BillingView>, Replayed, ApiProblem>> Resume([AsParameters] SpaceRequest request, PlanStarts planStarts)
    {
        var (_, id, problem) = request.Read();
        if (problem is not null)
        {
            return problem;
        }

        // A resumed plan renews, so it must not sit under a paid division or organization (S4: a team that moved in).
        if (await request.Reader.LoadAsync(id, request.CancellationToken) is not { } state)
        {
            return await request.DecideAsync((s, caller, context) => Cancellations.Resume(s, SpaceSurroundings.None, caller, context));
        }

        await using var turn = await planStarts.WaitTurnAsync(state.Space, request.CancellationToken);
        var surroundings = await request.Reader.SurroundingsAsync(state.Space, request.CancellationToken);
        return await request.DecideAsync((s, caller, context) => Cancellations.Resume(s, surroundings, caller, context));
    }

    private static Task<Results<Ok<BillingView>, Replayed, ApiProblem>> CancelTrial([AsParameters] SpaceRequest request) => request.DecideAsync(Trials.Cancel);

    private static async Task<Results<Created<BillingView>, Replayed, ApiProblem>> StartTrial([AsParameters] SpaceRequest request, TrialBody? body, PlanStarts planStarts)
    {
        var (caller, state, problem) = await request.LoadAsync((s, c) => Access.RequireMember(s, c));
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var tier = errors.Tier("tier", body?.Tier);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        await using var turn = await planStarts.WaitTurnAsync(state.Space, request.CancellationToken);
        var surroundings = await request.Reader.SurroundingsAsync(state.Space, request.CancellationToken);
        return await request.RunAsync(
            new DecisionRequest<BillingView>(
                state.Space.Id,
                (current, context) => current is null ? Errors.NotFound() : Trials.Start(current, tier, surroundings, caller, context),
                d => BillingView.Of(d.State, caller)),
            view => TypedResults.Created((string?)null, view));
    }

    // Who sees a space's plan and may upgrade it: its members, and sales staff.
    private static DomainError? AsMemberOrSales(SpaceBilling state, Caller caller) => Access.RequireMember(state, caller, ServiceRoles.Sales);

    /// <summary>
    /// The upgrade <paramref name="body"/> asks for, its payment method read and its tax id checked (T2: VIES
    /// down leaves the id unverified and the upgrade goes on), or the problem to answer. A preview may leave
    /// out the billing information (core assumes it, U8) and prices payment by invoice before it is allowed.
    /// </summary>
    private static async Task<(UpgradeCommand Upgrade, ApiProblem? Problem)> ReadUpgradeAsync(
        SpaceRequest request, UpgradeBody? body, Caller caller, SpaceBilling state, PaymentMethodReader methods, TaxIdVerifier taxIds, bool preview)
    {
        var (method, methodProblem) = await methods.ReadAsync(body?.PaymentMethod, request.CancellationToken);
        var surroundings = await request.Reader.SurroundingsAsync(state.Space, request.CancellationToken);
        var errors = new FieldErrors();
        var upgrade = ReadUpgrade(body, caller, state, method, surroundings, errors, billingInfoRequired: !preview, out var taxIdText);
        if (errors.Any)
        {
            return (null!, Problems.Invalid(errors.ToDictionary()));
        }

        if (methodProblem is not null && !(preview && body?.PaymentMethod?.Provider == "invoice"))
        {
            return (null!, methodProblem);
        }

        var billTo = await taxIds.CheckAsync(upgrade.BillingInfo, taxIdText, request.CancellationToken);
        return billTo.IsSuccess ? (upgrade with { BillingInfo = billTo.Value }, null) : (null!, Problems.From(billTo.Error));
    }

    private static UpgradeCommand ReadUpgrade(
        UpgradeBody? body, Caller caller, SpaceBilling state, Billing.Core.Payments.PaymentMethod? method, SpaceSurroundings surroundings, FieldErrors errors, bool billingInfoRequired, out string? taxIdText)
    {
        taxIdText = null;
        if (!errors.HasBody(body))
        {
            return null!;
        }

        var owner = body.BillingOwnerId is null && caller.User is { } self ? self : errors.User("billingOwnerId", body.BillingOwnerId);
        var (info, locale, taxId) = body.BillingInfo is null && !billingInfoRequired
            ? (Previews.AssumedBillingInfo, Previews.AssumedBillingInfo.Locale, null)
            : BodyReaders.BillingInfo(body.BillingInfo, errors);
        taxIdText = taxId;
        if (!errors.Any)
        {
            info = info with { Locale = BillingLanguage.Of(locale, state, owner) };
        }

        return new UpgradeCommand(
            errors.Tier("tier", body.Tier),
            errors.Cycle("cycle", body.Cycle),
            errors.Seats("seats", body.Seats),
            owner,
            info,
            method,
            surroundings,
            body.TakeOverTeamPlans == true);
    }
}
