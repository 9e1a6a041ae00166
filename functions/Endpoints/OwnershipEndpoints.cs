using Billing.Core.Common;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;
using Billing.Functions.Decisions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;
using Billing.Infra.Payments;

namespace Billing.Functions.Endpoints;

/// <summary>What only the billing owner manages (B1): ownership (B3), billing information, the payment method (P1).</summary>
public static class OwnershipEndpoints
{
    public static RouteGroupBuilder MapOwnership(this RouteGroupBuilder api)
    {
        api.MapPut("/spaces/{spaceId}/billing-owner", TransferBillingOwner).WithName("TransferBillingOwner");
        api.MapGet("/spaces/{spaceId}/billing-info", GetBillingInfo).WithName("GetBillingInfo").Produces<BillingInfoView>();
        api.MapPut("/spaces/{spaceId}/billing-info", UpdateBillingInfo).WithName("UpdateBillingInfo");
        api.MapPost("/spaces/{spaceId}/payment-method/setup", StartPaymentMethodSetup).WithName("StartPaymentMethodSetup");
        api.MapPut("/spaces/{spaceId}/payment-method", SwitchPaymentMethod).WithName("SwitchPaymentMethod");
        return api;
    }

    private static async Task<IResult> TransferBillingOwner(string spaceId, TransferBody? body, HttpContext http, DecisionRunner runner, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var user = errors.User("userId", body?.UserId);
        return errors.Any
            ? Problems.Invalid(errors.ToDictionary())
            : await SubscriptionEndpoints.Decide(spaceId, http, runner, (state, caller, context) => Ownership.TransferBillingOwner(state, user, caller, context), cancellationToken);
    }

    private static async Task<IResult> GetBillingInfo(string spaceId, HttpContext http, SpaceReader reader, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        var state = await reader.LoadAsync(id, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound();
        }

        var info = Ownership.ReadBillingInfo(state, caller);
        return info.IsSuccess ? Results.Json(BillingInfoView.Of(info.Value), ApiJson.Options) : Problems.From(info.Error);
    }

    private static async Task<IResult> UpdateBillingInfo(string spaceId, BillingInfoBody? body, HttpContext http, DecisionRunner runner, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var info = BodyReaders.BillingInfo(body, Locale.English, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        return await SubscriptionEndpoints.Decide(
            spaceId,
            http,
            runner,
            (state, caller, context) =>
                Ownership.UpdateBillingInfo(state, body!.Locale is null && state.Subscription is { } s ? info with { Locale = s.BillingInfo.Locale } : info, caller, context),
            cancellationToken);
    }

    private static async Task<IResult> StartPaymentMethodSetup(
        string spaceId, PaymentMethodSetupBody? body, HttpContext http, SpaceReader reader, PaymentGateways gateways, CancellationToken cancellationToken)
    {
        var (caller, id, problem) = RequestContext.Read(http, spaceId);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var provider = errors.Provider("provider", body?.Provider);
        if (!errors.Any && (provider == PaymentProvider.Invoice || gateways.For(provider) is null))
        {
            errors.Add("provider", $"The provider '{body?.Provider}' cannot save a payment method here.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var state = await reader.LoadAsync(id, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound();
        }

        // Before an upgrade any member may save a method (they become the billing owner by upgrading, U4); after it, the billing owner only.
        var denied = state.Subscription is null ? Access.RequireMember(state, caller) : Access.RequireBillingOwner(state, caller);
        if (denied is not null)
        {
            return Problems.From(denied);
        }

        var setup = await gateways.For(provider)!.StartSetupAsync(id.Value, cancellationToken);
        return Results.Json(
            new PaymentMethodSetupView(setup.Provider.ToApiName(), setup.ClientSecret, setup.SetupToken, setup.ApprovalUrl?.ToString()),
            ApiJson.Options);
    }

    private static async Task<IResult> SwitchPaymentMethod(
        string spaceId, PaymentMethodBody? body, HttpContext http, DecisionRunner runner, PaymentMethodReader methods, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Problems.Invalid("body", "A JSON object with provider and token is required.");
        }

        var (method, problem) = await methods.ReadAsync(body, cancellationToken);
        return problem ?? await SubscriptionEndpoints.Decide(
            spaceId, http, runner, (state, caller, context) => Ownership.SwitchPaymentMethod(state, method!, caller, context), cancellationToken);
    }
}

public sealed record PaymentMethodSetupView(string Provider, string? ClientSecret, string? SetupToken, string? ApprovalUrl);
