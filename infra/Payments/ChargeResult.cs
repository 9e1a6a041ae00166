using Billing.Core.Payments;

namespace Billing.Infra.Payments;

/// <summary>What a provider answered to a charge.</summary>
public abstract record ChargeResult
{
    private protected ChargeResult()
    {
    }

    /// <summary>The answer to a charge whose payment stands in <paramref name="state"/>, as core reads that state (<see cref="ProviderPayments.AnswerTo"/>).</summary>
    /// <param name="state">The payment's state at its provider.</param>
    /// <param name="payment">The provider's id of the payment taken or held.</param>
    /// <param name="confirmationUrl">Where the billing owner confirms a held payment, when the provider gives one.</param>
    /// <param name="declineReason">The provider's reason, for a decline.</param>
    public static ChargeResult Of(ProviderPaymentState state, string payment, Uri? confirmationUrl, string declineReason) =>
        ProviderPayments.AnswerTo(state) switch
        {
            ChargeAnswer.Paid => new ChargeSucceeded(payment),
            ChargeAnswer.Held => new ChargeRequiresAction(payment, confirmationUrl),
            _ => new ChargeDeclined(declineReason),
        };
}

/// <summary>The money was taken; <see cref="Reference"/> is the provider's id of the payment.</summary>
public sealed record ChargeSucceeded(string Reference) : ChargeResult;

/// <summary>The provider refused (a decline, insufficient funds, an expired card).</summary>
public sealed record ChargeDeclined(string Reason) : ChargeResult;

/// <summary>The customer must confirm (strong customer authentication); the invoice stays open.</summary>
public sealed record ChargeRequiresAction(string Reference, Uri? ConfirmationUrl) : ChargeResult;
