using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class CancellationTests
{
    [Fact]
    [Trait("Rule", "C2")]
    public void Cancelling_keeps_the_plan_until_the_renewal_date_then_the_space_returns_to_basic()
    {
        var cancelled = Cancellations.Cancel(Subscribed(), As(Alice), At(Now.AddDays(3))).Ok().State;
        Assert.Equal(SubscriptionStatus.Active, cancelled.Status);
        Assert.True(cancelled.Subscription!.CancelAtPeriodEnd);

        var renewsAt = cancelled.Subscription.RenewsAt;
        Assert.True(Renewals.Advance(cancelled, At(renewsAt.AddSeconds(-1))).ChangesNothing);
        var ended = Renewals.Advance(cancelled, At(renewsAt));
        Assert.Equal(SubscriptionStatus.Basic, ended.State.Status);
        Assert.Empty(ended.Invoices());
        Assert.Empty(ended.Charges());
        Assert.Equal(EmailKind.PlanEnded, ended.Emails().Single().Kind);
    }

    [Fact]
    [Trait("Rule", "C2")]
    public void A_cancelled_plan_can_be_resumed_until_its_end()
    {
        var cancelled = Cancellations.Cancel(Subscribed(), As(Alice), At(Now)).Ok().State;
        var resumed = Cancellations.Resume(cancelled, SpaceSurroundings.None, As(Alice), At(Now.AddDays(1))).Ok().State;
        Assert.False(resumed.Subscription!.CancelAtPeriodEnd);
        Assert.Single(Renewals.Advance(resumed, At(resumed.Subscription.RenewsAt)).Invoices());
    }

    [Fact]
    [Trait("Rule", "C2")]
    public void Cancelling_or_resuming_twice_changes_nothing_the_second_time()
    {
        var cancelled = Cancellations.Cancel(Subscribed(), As(Alice), At(Now)).Ok().State;
        Assert.True(Cancellations.Cancel(cancelled, As(Alice), At(Now)).Ok().ChangesNothing);
        Assert.True(Cancellations.Resume(Subscribed(), SpaceSurroundings.None, As(Alice), At(Now)).Ok().ChangesNothing);
    }

    [Fact]
    [Trait("Rule", "C3")]
    public void An_ended_subscription_is_kept_in_the_history_of_the_space()
    {
        var cancelled = Cancellations.Cancel(Subscribed(), As(Alice), At(Now)).Ok().State;
        var ended = Renewals.Advance(cancelled, At(cancelled.Subscription!.RenewsAt)).State;
        var past = Assert.Single(ended.PastSubscriptions);
        Assert.Equal(EndReason.Cancelled, past.Reason);
        Assert.Equal(cancelled.Subscription.Id, past.Subscription.Id);
        Assert.Equal(3, ended.Members.Count);
    }

    [Fact]
    [Trait("Rule", "U7")]
    public void After_the_wrong_space_is_cancelled_it_can_be_upgraded_again_with_a_new_subscription()
    {
        var cancelled = Cancellations.Cancel(Subscribed(), As(Alice), At(Now)).Ok().State;
        var basic = Renewals.Advance(cancelled, At(cancelled.Subscription!.RenewsAt)).State;
        var again = Upgrades.Upgrade(basic, Upgrade(), As(Alice), At(basic.PastSubscriptions[0].EndedAt)).Ok().State;
        Assert.Equal("sub-2", again.Subscription!.Id.Value);
    }

    [Fact]
    [Trait("Rule", "B1")]
    public void Only_the_billing_owner_or_sales_can_cancel_or_resume()
    {
        Cancellations.Cancel(Subscribed(), As(Bob), At(Now)).Fails(ErrorCode.NotBillingOwner);
        Cancellations.Resume(Subscribed(), SpaceSurroundings.None, As(Bob), At(Now)).Fails(ErrorCode.NotBillingOwner);
        Cancellations.Cancel(Subscribed(), Sales, At(Now)).Ok();
        Cancellations.Cancel(Space(), As(Alice), At(Now)).Fails(ErrorCode.NotSubscribed);
    }

    [Fact]
    [Trait("Rule", "U12")]
    public void U12_sales_ends_a_plan_at_once_the_space_is_on_basic_now_and_the_subscription_is_kept()
    {
        var state = Subscribed();
        var decision = Cancellations.EndNow(state, refundUnusedPart: false, Sales, At(Now.AddDays(3))).Ok();

        Assert.Equal(SubscriptionStatus.Basic, decision.State.Status);
        var ended = decision.State.PastSubscriptions.Single();
        Assert.Equal((state.Subscription, Now.AddDays(3), EndReason.EndedBySales), (ended.Subscription, ended.EndedAt, ended.Reason));
        Assert.Equal((EmailKind.PlanEnded, Alice), (decision.Emails().Single().Kind, decision.Emails().Single().Recipient));
        Assert.Equal((Audit.AuditAction.SubscriptionEnded, Sales.AuditName), (decision.Audit.Single().Action, decision.Audit.Single().Actor));
        Assert.Empty(decision.Charges());
        Assert.Equal(state.Members, decision.State.Members);
    }

    [Fact]
    [Trait("Rule", "U12")]
    public void U12_the_billing_owner_alone_cannot_end_a_plan_at_once_and_a_space_without_a_plan_has_nothing_to_end()
    {
        Cancellations.EndNow(Subscribed(), true, As(Alice), At(Now)).Fails(ErrorCode.Forbidden);
        Cancellations.EndNow(Subscribed(), true, As(Bob), At(Now)).Fails(ErrorCode.NotBillingOwner);
        Cancellations.EndNow(Space(), true, Sales, At(Now)).Fails(ErrorCode.NotSubscribed);
    }

    [Fact]
    [Trait("Rule", "U12")]
    public void U12_with_a_prorated_refund_the_unused_part_goes_back_with_a_credit_note_attached_to_the_email()
    {
        var state = Subscribed(seats: 5);
        var period = state.Subscription!.CurrentPeriod;
        var halfWay = period.Start + ((period.End - period.Start) / 2);

        var decision = Cancellations.EndNow(state, refundUnusedPart: true, Sales, At(halfWay)).Ok();

        Assert.Equal(SubscriptionStatus.Basic, decision.State.Status);
        var creditNote = decision.Invoices().Single();
        Assert.Equal((Billing.Core.Invoicing.InvoiceKind.CreditNote, Usd(-2748)), (creditNote.Kind, creditNote.Subtotal));
        Assert.Equal(-creditNote.Total, decision.Effects.OfType<RefundPayment>().Single().Amount);
        Assert.Equal((EmailKind.PlanEnded, (Billing.Core.Common.InvoiceId?)creditNote.Id), (decision.Emails().Single().Kind, decision.Emails().Single().Invoice));
    }
}
