using Billing.Core.Common;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Functions.Views;
using Billing.Infra.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Endpoints;

/// <summary>What only the billing owner manages (B1): ownership (B3), billing information, the payment method (P1).</summary>
public static class OwnershipEndpoints
{
    public static RouteGroupBuilder MapOwnership(this RouteGroupBuilder space)
    {
        space.MapGet("/billing-info", GetBillingInfo).WithName("GetBillingInfo").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        var writes = space.MapGroup("").ProducesProblems(
            StatusCodes.Status402PaymentRequired, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        writes.MapPut("/billing-owner", TransferBillingOwner).WithName("TransferBillingOwner");
        writes.MapPut("/billing-info", UpdateBillingInfo).WithName("UpdateBillingInfo");
        writes.MapPost("/payment-method/setup", StartPaymentMethodSetup).WithName("StartPaymentMethodSetup");
        writes.MapPut("/payment-method", SwitchPaymentMethod).WithName("SwitchPaymentMethod");
        writes.MapPut("/tax-exemption", SetTaxExemption).WithName("SetTaxExemption");
        return space;
    }

    private static async Task<Results<Ok<BillingView>, Replayed, ApiProblem>> TransferBillingOwner([AsParameters] SpaceRequest request, TransferBody? body)
    {
        var errors = new FieldErrors();
        var user = errors.User("userId", body?.UserId);
        return errors.Any
            ? Problems.Invalid(errors.ToDictionary())
            : await request.DecideAsync((state, caller, context) => Ownership.TransferBillingOwner(state, user, caller, context));
    }

    private static async Task<Results<Ok<BillingInfoView>, ApiProblem>> GetBillingInfo([AsParameters] SpaceRequest request)
    {
        var (caller, state, problem) = await request.LoadAsync((_, _) => null);
        if (problem is not null)
        {
            return problem;
        }

        var info = Ownership.ReadBillingInfo(state, caller);
        return info.IsSuccess ? TypedResults.Ok(BillingInfoView.Of(info.Value, state.Subscription!.TaxExemption)) : Problems.From(info.Error);
    }

    private static async Task<Results<Ok<BillingView>, Replayed, ApiProblem>> UpdateBillingInfo(
        [AsParameters] SpaceRequest request, BillingInfoBody? body, TaxIdVerifier taxIds)
    {
        var errors = new FieldErrors();
        var (read, locale, taxIdText) = BodyReaders.BillingInfo(body, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        // VIES is asked only for an authenticated caller; whether they may change this space is core's decision below.
        if (request.Read().Problem is { } problem)
        {
            return problem;
        }

        var checkedInfo = await taxIds.CheckAsync(read, taxIdText, request.CancellationToken);
        if (!checkedInfo.IsSuccess)
        {
            return Problems.From(checkedInfo.Error);
        }

        var info = checkedInfo.Value;
        return await request.DecideAsync((state, caller, context) =>
            Ownership.UpdateBillingInfo(state, info with { Locale = BillingLanguage.Of(locale, state, state.Subscription?.BillingOwner) }, caller, context));
    }

    // T3: sales only (core says so); the answer is the billing view, like every other change of the plan.
    private static async Task<Results<Ok<BillingView>, Replayed, ApiProblem>> SetTaxExemption([AsParameters] SpaceRequest request, TaxExemptionBody? body)
    {
        var errors = new FieldErrors();
        var exemption = BodyReaders.TaxExemption(body, errors);
        return errors.Any
            ? Problems.Invalid(errors.ToDictionary())
            : await request.DecideAsync((state, caller, context) => TaxStatus.SetExemption(state, exemption, caller, context));
    }

    private static async Task<Results<Ok<PaymentMethodSetupView>, ApiProblem>> StartPaymentMethodSetup(
        [AsParameters] SpaceRequest request, PaymentMethodSetupBody? body, PaymentGateways gateways)
    {
        var (_, id, problem) = request.Read();
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

        var (_, _, denied) = await request.LoadAsync(Access.RequirePaymentMethodSetup);
        if (denied is not null)
        {
            return denied;
        }

        var setup = await gateways.For(provider)!.StartSetupAsync(id.Value, request.CancellationToken);
        return TypedResults.Ok(new PaymentMethodSetupView(setup.Provider.ToApiName(), setup.ClientSecret, setup.SetupToken, setup.ApprovalUrl?.ToString()));
    }

    private static async Task<Results<Ok<BillingView>, Replayed, ApiProblem>> SwitchPaymentMethod(
        [AsParameters] SpaceRequest request, PaymentMethodBody? body, PaymentMethodReader methods)
    {
        if (body is null)
        {
            return Problems.Invalid("body", "A JSON object with provider and token is required.");
        }

        var (method, problem) = await methods.ReadAsync(body, request.CancellationToken);
        return problem ?? await request.DecideAsync((state, caller, context) => Ownership.SwitchPaymentMethod(state, method!, caller, context));
    }
}

public sealed record PaymentMethodSetupView(string Provider, string? ClientSecret, string? SetupToken, string? ApprovalUrl);
