using Billing.Core.Payments;

namespace Billing.Core.Tests.Payments;

/// <summary>What a payment's state at its provider means; the gateways only translate their provider's statuses.</summary>
public class ProviderPaymentsTests
{
    [Theory]
    [Trait("Rule", "P1")]
    [InlineData(ProviderPaymentState.Succeeded, ChargeAnswer.Paid)]
    [InlineData(ProviderPaymentState.Processing, ChargeAnswer.Paid)]
    [InlineData(ProviderPaymentState.AwaitingCustomer, ChargeAnswer.Held)]
    [InlineData(ProviderPaymentState.AwaitingPaymentMethod, ChargeAnswer.Declined)]
    [InlineData(ProviderPaymentState.Failed, ChargeAnswer.Declined)]
    public void A_payment_still_processing_counts_as_paid_one_awaiting_the_customer_is_held_and_the_rest_declined(ProviderPaymentState state, ChargeAnswer answer) =>
        Assert.Equal(answer, ProviderPayments.AnswerTo(state));

    [Theory]
    [Trait("Rule", "R2")]
    [InlineData(ProviderPaymentState.Succeeded, ChargeUndo.Refund)]
    [InlineData(ProviderPaymentState.Processing, ChargeUndo.Refund)]
    [InlineData(ProviderPaymentState.AwaitingCustomer, ChargeUndo.Cancel)]
    [InlineData(ProviderPaymentState.AwaitingPaymentMethod, ChargeUndo.Cancel)]
    [InlineData(ProviderPaymentState.Failed, ChargeUndo.Nothing)]
    public void A_charge_no_stored_decision_keeps_is_refunded_when_taken_and_cancelled_while_still_open(ProviderPaymentState state, ChargeUndo undo) =>
        Assert.Equal(undo, ProviderPayments.UndoOf(state));

    [Theory]
    [Trait("Rule", "P3")]
    [InlineData(ProviderPaymentState.AwaitingCustomer, true)]
    [InlineData(ProviderPaymentState.AwaitingPaymentMethod, true)]
    [InlineData(ProviderPaymentState.Succeeded, false)]
    [InlineData(ProviderPaymentState.Processing, false)]
    [InlineData(ProviderPaymentState.Failed, false)]
    public void Only_a_payment_still_open_at_the_provider_can_be_confirmed_by_the_billing_owner(ProviderPaymentState state, bool confirmable) =>
        Assert.Equal(confirmable, ProviderPayments.AwaitsConfirmation(state));
}
