using Billing.Core.Audit;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class PaymentEventTests
{
    private static readonly Caller Provider = Caller.System("payments");

    [Fact]
    [Trait("Rule", "P3")]
    public void A_charge_that_needs_the_owner_leaves_the_invoice_open_and_asks_the_billing_owner_to_confirm()
    {
        var (state, invoice, renewedAt) = Renewed();
        var (decision, stillOpen) = ChargeOutcomes.RequiresAction(state, invoice, 1, null, Provider, At(renewedAt));

        Assert.Equal(InvoiceStatus.Open, stillOpen.Status);
        var email = decision.Emails().Single();
        Assert.Equal((EmailKind.PaymentActionRequired, Alice, invoice.Id), (email.Kind, email.Recipient, email.Invoice!.Value));
        Assert.Equal(AuditAction.PaymentActionRequired, decision.Audit.Single().Action);
        Assert.Equal(SubscriptionStatus.PastDue, decision.State.Status); // on the retry schedule, so it cannot stay unpaid forever
    }

    [Fact]
    [Trait("Rule", "P3")]
    public void A_confirmed_payment_after_requires_action_pays_the_invoice_and_ends_past_due()
    {
        var (state, invoice, renewedAt) = Renewed();
        state = ChargeOutcomes.RequiresAction(state, invoice, 1, null, Provider, At(renewedAt)).Decision.State;
        var (paid, paidInvoice) = ChargeOutcomes.Succeeded(state, invoice, Provider, At(renewedAt.AddHours(2)));

        Assert.Equal(InvoiceStatus.Paid, paidInvoice.Status);
        Assert.Equal(SubscriptionStatus.Active, paid.State.Status);
        Assert.Equal(EmailKind.Invoice, paid.Emails().Single().Kind);
    }

    [Fact]
    [Trait("Rule", "R3")]
    public void An_unconfirmed_charge_is_retried_and_the_owner_asked_again_at_each_attempt()
    {
        var (state, invoice, renewedAt) = Renewed();
        state = ChargeOutcomes.RequiresAction(state, invoice, 1, null, Provider, At(renewedAt)).Decision.State;
        var (second, _) = ChargeOutcomes.RequiresAction(state, invoice, 2, null, Provider, At(renewedAt.AddDays(1)));

        Assert.Equal(2, second.State.Subscription!.Dunning!.FailedAttempts);
        Assert.Equal(EmailKind.PaymentActionRequired, second.Emails().Single().Kind);
        Assert.True(ChargeOutcomes.RequiresAction(second.State, invoice, 2, null, Provider, At(renewedAt.AddDays(1))).Decision.ChangesNothing);
    }

    [Fact]
    [Trait("Rule", "P3")]
    [Trait("Rule", "V5")]
    public void A_refund_made_at_the_provider_moves_a_paid_invoice_to_refunded_with_one_credit_note_once()
    {
        var (state, invoice, renewedAt) = Renewed();
        var (paid, paidInvoice) = ChargeOutcomes.Succeeded(state, invoice, Provider, At(renewedAt));
        var report = RefundReport(new ProviderRefund("re_dashboard", paidInvoice.Total, null));
        var (refund, refunded) = PaymentEvents.Apply(paid.State, paidInvoice, report, Provider, At(renewedAt.AddDays(3)));

        Assert.Equal(InvoiceStatus.Refunded, refunded.Status);
        Assert.Equal(AuditAction.InvoiceRefunded, refund.Audit.Single().Action);
        Assert.Equal(-paidInvoice.Total, refund.Invoices().Single().Total);
        Assert.Empty(refund.Effects.OfType<RefundPayment>()); // the money is back already
        Assert.True(PaymentEvents.Apply(refund.State, refunded, report, Provider, At(renewedAt.AddDays(3))).Decision.ChangesNothing);
    }

    private static PaymentReport RefundReport(params ProviderRefund[] refunds) =>
        new(PaymentProvider.Stripe, ReportedPayment.Refunded, 1, "refunded") { Refunds = [.. refunds] };

    [Fact]
    [Trait("Rule", "A1")]
    public void A_dispute_is_recorded_in_the_billing_history()
    {
        var (state, invoice, renewedAt) = Renewed();
        var decision = PaymentEvents.Disputed(state, invoice, "fraudulent", Provider, At(renewedAt));
        Assert.Equal(AuditAction.PaymentDisputed, decision.Audit.Single().Action);
        Assert.Equal(state, decision.State);
    }

    [Fact]
    [Trait("Rule", "P2")]
    public void An_updated_card_at_the_provider_updates_the_summary_of_the_method_in_use_only()
    {
        var state = Subscribed(paymentMethod: Card);
        var renewedCard = PaymentMethod.Saved(PaymentProvider.Stripe, Card.Token!, new PaymentMethodSummary("visa", "4242", 1, 2031, null));
        var decision = PaymentEvents.MethodUpdated(state, renewedCard, Provider, At(Now));
        Assert.Equal(renewedCard, decision.State.Subscription!.PaymentMethod);
        Assert.True(PaymentEvents.MethodUpdated(decision.State, renewedCard, Provider, At(Now)).ChangesNothing);

        var otherCard = PaymentMethod.Saved(PaymentProvider.Stripe, "pm_other", new PaymentMethodSummary("mastercard", "4444", 1, 2031, null));
        Assert.True(PaymentEvents.MethodUpdated(state, otherCard, Provider, At(Now)).ChangesNothing);
    }

    [Fact]
    [Trait("Rule", "P1")]
    public void A_method_removed_at_the_provider_tells_the_billing_owner_only_when_it_is_the_one_in_use()
    {
        var state = Subscribed(paymentMethod: PayPal);
        var decision = PaymentEvents.MethodRemoved(state, PaymentProvider.PayPal, PayPal.Token!, Provider, At(Now));
        Assert.Equal((EmailKind.PaymentMethodRemoved, Alice), (decision.Emails().Single().Kind, decision.Emails().Single().Recipient));
        Assert.Equal(AuditAction.PaymentMethodRemoved, decision.Audit.Single().Action);

        Assert.True(PaymentEvents.MethodRemoved(state, PaymentProvider.Stripe, PayPal.Token!, Provider, At(Now)).ChangesNothing);
        Assert.True(PaymentEvents.MethodRemoved(state, PaymentProvider.PayPal, "another_token", Provider, At(Now)).ChangesNothing);
    }

    [Theory]
    [Trait("Rule", "P3")]
    [Trait("Rule", "I1")]
    [InlineData(ReportedPayment.Succeeded)]
    [InlineData(ReportedPayment.Failed)]
    [InlineData(ReportedPayment.RequiresAction)]
    [InlineData(ReportedPayment.Refunded)]
    [InlineData(ReportedPayment.Disputed)]
    public void No_provider_report_moves_an_invoice_paid_by_bank_transfer(ReportedPayment what)
    {
        var (state, invoice, renewedAt) = Renewed(PaymentMethod.ByInvoice, seats: 20, members: 20, cycle: Billing.Core.Calendar.BillingCycle.Annual);
        foreach (var provider in new[] { PaymentProvider.Stripe, PaymentProvider.PayPal, PaymentProvider.Sandbox, PaymentProvider.Invoice })
        {
            var (decision, after) = PaymentEvents.Apply(state, invoice, new PaymentReport(provider, what, 1, null), Provider, At(renewedAt));

            Assert.True(decision.ChangesNothing);
            Assert.Equal(invoice, after);
        }
    }

    [Theory]
    [Trait("Rule", "P3")]
    [Trait("Rule", "I1")]
    [InlineData(ReportedPayment.Succeeded)]
    [InlineData(ReportedPayment.RequiresAction)]
    [InlineData(ReportedPayment.Failed)]
    public void A_card_report_moves_no_invoice_issued_for_bank_transfer_even_after_the_plan_switched_to_a_card(ReportedPayment what)
    {
        var (state, invoice, renewedAt) = Renewed(PaymentMethod.ByInvoice, seats: 20, members: 20, cycle: Billing.Core.Calendar.BillingCycle.Annual);
        state = state with { Plan = new PaidPlan(state.Subscription! with { PaymentMethod = Card }) };

        var (decision, after) = PaymentEvents.Apply(state, invoice, new PaymentReport(PaymentProvider.Stripe, what, 1, null, "pi_not_for_this_invoice"), Provider, At(renewedAt));

        Assert.True(decision.ChangesNothing);
        Assert.Equal(invoice, after);
        Assert.Null(after.HeldPayment);
    }

    [Fact]
    [Trait("Rule", "P3")]
    public void A_report_from_a_provider_that_never_charged_the_invoice_changes_nothing()
    {
        var (state, invoice, renewedAt) = Renewed();

        var (decision, after) = PaymentEvents.Apply(state, invoice, new PaymentReport(PaymentProvider.PayPal, ReportedPayment.Succeeded, 1, null), Provider, At(renewedAt));

        Assert.True(decision.ChangesNothing);
        Assert.Equal(InvoiceStatus.Open, after.Status);
    }

    [Fact]
    [Trait("Rule", "P3")]
    [Trait("Rule", "R3")]
    public void A_retry_charged_through_the_plans_new_method_is_applied_from_that_provider()
    {
        var (state, invoice, renewedAt) = Renewed();
        state = ChargeOutcomes.Failed(state, invoice, 1, Provider, At(renewedAt)).Decision.State;
        state = state with { Plan = new PaidPlan(state.Subscription! with { PaymentMethod = PayPal }) };

        var (decision, paid) = PaymentEvents.Apply(state, invoice, new PaymentReport(PaymentProvider.PayPal, ReportedPayment.Succeeded, 2, null), Provider, At(renewedAt.AddDays(1)));

        Assert.Equal(InvoiceStatus.Paid, paid.Status);
        Assert.Equal(SubscriptionStatus.Active, decision.State.Status);
    }

    private static (SpaceBilling State, Invoice Invoice, DateTimeOffset RenewedAt) Renewed(
        PaymentMethod? paymentMethod = null, int seats = 5, int members = 3, Billing.Core.Calendar.BillingCycle cycle = Billing.Core.Calendar.BillingCycle.Monthly)
    {
        var state = Subscribed(cycle: cycle, seats: seats, members: members, paymentMethod: paymentMethod);
        var renewedAt = state.Subscription!.RenewsAt;
        var renewal = Renewals.Advance(state, At(renewedAt));
        // A plan paid by invoice whose first invoice is unpaid is reminded first (I4), then renewed.
        renewal = renewal.Invoices().IsEmpty ? Renewals.Advance(renewal.State, At(renewedAt)) : renewal;
        return (renewal.State, Issued(renewal.Invoices().Single()), renewedAt);
    }
}
