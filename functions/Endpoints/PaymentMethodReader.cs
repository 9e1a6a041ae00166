using Billing.Core.Common;
using Billing.Core.Payments;
using Billing.Functions.Http;
using Billing.Functions.Requests;
using Billing.Infra.Payments;

namespace Billing.Functions.Endpoints;

/// <summary>Turns <c>{ provider, token }</c> into a saved payment method, asking the provider for its summary (P2).</summary>
public sealed class PaymentMethodReader(PaymentGateways gateways)
{
    /// <summary>The method, null when the body names none, or the problem to answer.</summary>
    public async Task<(PaymentMethod? Method, ApiProblem? Problem)> ReadAsync(PaymentMethodBody? body, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return (null, null);
        }

        var errors = new FieldErrors();
        var provider = errors.Provider("paymentMethod.provider", body.Provider);
        if (errors.Any)
        {
            return (null, Problems.Invalid(errors.ToDictionary()));
        }

        if (provider == PaymentProvider.Invoice)
        {
            return body.Token is null
                ? (PaymentMethod.ByInvoice, null)
                : (null, Problems.Invalid("paymentMethod.token", "Payment by invoice has no token."));
        }

        if (gateways.For(provider) is not { } gateway)
        {
            return (null, Problems.Invalid("paymentMethod.provider", $"The provider '{body.Provider}' is not enabled here."));
        }

        var token = errors.Text("paymentMethod.token", body.Token, maxLength: 255);
        if (errors.Any)
        {
            return (null, Problems.Invalid(errors.ToDictionary()));
        }

        return await gateway.ResolveAsync(token, cancellationToken) is { } method
            ? (method, null)
            : (null, Problems.Code(StatusCodes.Status402PaymentRequired, ErrorCode.PaymentMethodMissing, "The provider does not know this payment method; save it again."));
    }
}
