using Billing.Core.Catalog;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Subscriptions.BillingAction;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class BillingActionsTests
{
    [Fact]
    [Trait("Rule", "B1")]
    public void The_billing_owner_may_manage_everything_and_other_members_nothing()
    {
        var state = Subscribed();
        Assert.Equal([ChangePlan, Cancel, ChangePaymentMethod, TransferOwnership, EditBillingInfo, ReadInvoices], BillingActions.For(state, As(Alice)));
        Assert.Empty(BillingActions.For(state, As(Bob)));
        Assert.Empty(BillingActions.For(state, As(Stranger)));
        Assert.Empty(BillingActions.For(state, Sales)); // sales works through its own pages, not the tab
    }

    [Fact]
    [Trait("Rule", "C2")]
    public void A_cancelled_plan_offers_resume_instead_of_cancel()
    {
        var state = Cancellations.Cancel(Subscribed(), As(Alice), At(Now)).Ok().State;
        var actions = BillingActions.For(state, As(Alice));
        Assert.Contains(Resume, actions);
        Assert.DoesNotContain(Cancel, actions);
    }

    [Fact]
    [Trait("Rule", "I2")]
    public void A_plan_paid_by_invoice_offers_its_owner_no_self_serve_change()
    {
        var state = Subscribed(cycle: Billing.Core.Calendar.BillingCycle.Annual, members: 20, seats: 20, paymentMethod: Billing.Core.Payments.PaymentMethod.ByInvoice);
        Assert.Equal([TransferOwnership, EditBillingInfo, ReadInvoices], BillingActions.For(state, As(Alice)));
    }

    [Fact]
    [Trait("Rule", "B5")]
    [Trait("Rule", "U10")]
    public void On_Basic_any_member_may_upgrade_or_start_the_one_trial_and_only_its_starter_or_an_admin_may_stop_it()
    {
        var basic = Space();
        Assert.Equal([BillingAction.Upgrade, StartTrial], BillingActions.For(basic, As(Bob)));

        var trialing = Trials.Start(basic, TierId.Parse("advanced"), SpaceSurroundings.None, As(Bob), At(Now)).Ok().State;
        Assert.Equal([BillingAction.Upgrade, StopTrial], BillingActions.For(trialing, As(Bob)));
        Assert.Equal([BillingAction.Upgrade], BillingActions.For(trialing, As(Carol)));

        var admin = SpaceDirectory.PutMember(trialing, new Member(Carol, "carol@acme.test", "Carol", MemberRole.Admin, null), DirectoryService, At(Now)).Value.State;
        Assert.Equal([BillingAction.Upgrade, StopTrial], BillingActions.For(admin, As(Carol)));

        var ended = Trials.Cancel(trialing, As(Bob), At(Now)).Ok().State;
        Assert.Equal([BillingAction.Upgrade], BillingActions.For(ended, As(Bob)));
    }
}
