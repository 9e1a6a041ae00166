namespace Billing.Core.Payments;

/// <summary>
/// What a payment's state at its provider means (P1, P3, R2): the one place that says which states
/// count as paid, which wait for the billing owner, and how a charge is given back. The gateways ask;
/// they do not decide.
/// </summary>
public static class ProviderPayments
{
    /// <summary>
    /// A payment still processing counts as paid: the provider has accepted it, and if it fails after
    /// all the provider says so by webhook (P3), which moves the invoice then. Waiting for the customer
    /// holds the payment (the invoice stays unpaid); anything else is a decline.
    /// </summary>
    public static ChargeAnswer AnswerTo(ProviderPaymentState state) => state switch
    {
        ProviderPaymentState.Succeeded or ProviderPaymentState.Processing => ChargeAnswer.Paid,
        ProviderPaymentState.AwaitingCustomer => ChargeAnswer.Held,
        _ => ChargeAnswer.Declined,
    };

    /// <summary>A charge no stored decision keeps (R2): what was taken is refunded, what is still open is cancelled.</summary>
    public static ChargeUndo UndoOf(ProviderPaymentState state) => state switch
    {
        ProviderPaymentState.Succeeded or ProviderPaymentState.Processing => ChargeUndo.Refund,
        ProviderPaymentState.AwaitingCustomer or ProviderPaymentState.AwaitingPaymentMethod => ChargeUndo.Cancel,
        _ => ChargeUndo.Nothing,
    };

    /// <summary>Whether a held payment can still be confirmed by the billing owner (the invoice page offers it then).</summary>
    public static bool AwaitsConfirmation(ProviderPaymentState state) =>
        state is ProviderPaymentState.AwaitingCustomer or ProviderPaymentState.AwaitingPaymentMethod;
}
