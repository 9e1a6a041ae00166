namespace Billing.Infra.Payments;

/// <summary>What a provider answered to a charge.</summary>
public abstract record ChargeResult
{
    private protected ChargeResult()
    {
    }
}

/// <summary>The money was taken; <see cref="Reference"/> is the provider's id of the payment.</summary>
public sealed record ChargeSucceeded(string Reference) : ChargeResult;

/// <summary>The provider refused (a decline, insufficient funds, an expired card).</summary>
public sealed record ChargeDeclined(string Reason) : ChargeResult;

/// <summary>The customer must confirm (strong customer authentication); the invoice stays open.</summary>
public sealed record ChargeRequiresAction(string Reference, Uri? ConfirmationUrl) : ChargeResult;
