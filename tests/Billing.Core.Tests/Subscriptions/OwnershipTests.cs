using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class OwnershipTests
{
    [Fact]
    [Trait("Rule", "B3")]
    public void The_billing_owner_can_hand_ownership_to_another_member_who_keeps_their_membership()
    {
        var decision = Ownership.TransferBillingOwner(Subscribed(), Bob, As(Alice), At(Now)).Ok();
        Assert.Equal(Bob, decision.State.Subscription!.BillingOwner);
        Assert.True(decision.State.IsMember(Alice));
        Assert.Equal(MemberRole.Admin, decision.State.Members[Alice].Role); // B3: the old owner keeps their role
        Assert.Equal(MemberRole.Admin, decision.State.Members[Bob].Role);   // B2
        Assert.Equal((AuditAction.BillingOwnerTransferred, (object?)Alice, (object?)Bob), (decision.Audit[0].Action, decision.Audit[0].Before, decision.Audit[0].After));
    }

    [Fact]
    [Trait("Rule", "B3")]
    public void Ownership_can_only_go_to_a_member() =>
        Ownership.TransferBillingOwner(Subscribed(), Stranger, As(Alice), At(Now)).Fails(ErrorCode.BillingOwnerNotMember);

    [Fact]
    [Trait("Rule", "B1")]
    public void Only_the_billing_owner_can_transfer_update_billing_info_or_change_the_payment_method()
    {
        Ownership.TransferBillingOwner(Subscribed(), Bob, As(Bob), At(Now)).Fails(ErrorCode.NotBillingOwner);
        Ownership.UpdateBillingInfo(Subscribed(), BillingInfo("FR", "fr-FR"), As(Bob), At(Now)).Fails(ErrorCode.NotBillingOwner);
        Ownership.SwitchPaymentMethod(Subscribed(), PayPal, As(Bob), At(Now)).Fails(ErrorCode.NotBillingOwner);
        Ownership.SwitchPaymentMethod(Subscribed(), PayPal, As(Stranger), At(Now)).Fails(ErrorCode.NotFound);
    }

    [Fact]
    [Trait("Rule", "B7")]
    public void The_billing_owner_and_sales_read_the_billing_information_as_it_stands()
    {
        var state = Ownership.UpdateBillingInfo(Subscribed(), BillingInfo("FR", "fr-FR"), As(Alice), At(Now)).Ok().State;
        Assert.Equal(BillingInfo("FR", "fr-FR"), Ownership.ReadBillingInfo(state, As(Alice)).Ok());
        Assert.Equal(BillingInfo("FR", "fr-FR"), Ownership.ReadBillingInfo(state, Sales).Ok());
    }

    [Fact]
    [Trait("Rule", "B7")]
    public void Sales_may_update_the_billing_information_and_the_audit_names_them()
    {
        var decision = Ownership.UpdateBillingInfo(Subscribed(), BillingInfo("SE", "sv-SE"), Sales, At(Now)).Ok();
        Assert.Equal(BillingInfo("SE", "sv-SE"), decision.State.Subscription!.BillingInfo);
        Assert.Equal(Sales.AuditName, decision.Audit.Single().Actor);
    }

    [Fact]
    [Trait("Rule", "B7")]
    public void Other_members_may_not_read_the_billing_information_and_strangers_do_not_learn_the_space_exists()
    {
        Ownership.ReadBillingInfo(Subscribed(), As(Bob)).Fails(ErrorCode.NotBillingOwner);
        Ownership.ReadBillingInfo(Subscribed(), As(Stranger)).Fails(ErrorCode.NotFound);
        Ownership.ReadBillingInfo(Subscribed(), DirectoryService).Fails(ErrorCode.NotFound);
    }

    [Fact]
    [Trait("Rule", "B7")]
    public void A_space_without_a_paid_plan_has_no_billing_information()
    {
        Ownership.ReadBillingInfo(Space(), As(Alice)).Fails(ErrorCode.NotSubscribed);
        Ownership.ReadBillingInfo(Space(), Sales).Fails(ErrorCode.NotSubscribed);
        Ownership.ReadBillingInfo(Space(), As(Stranger)).Fails(ErrorCode.NotFound);
    }

    [Fact]
    [Trait("Rule", "A1")]
    public void New_billing_information_applies_to_the_next_invoice_and_is_audited_before_and_after()
    {
        var state = Subscribed(country: "US");
        var decision = Ownership.UpdateBillingInfo(state, BillingInfo("NL", "nl-NL"), As(Alice), At(Now)).Ok();
        Assert.Equal(AuditAction.BillingInfoUpdated, decision.Audit.Single().Action);
        Assert.Equal(state.Subscription!.BillingInfo, decision.Audit.Single().Before);

        var renewal = Renewals.Advance(decision.State, At(state.Subscription.RenewsAt)).Invoices().Single();
        Assert.Equal("NL", renewal.BillTo.Address.Country);
        Assert.Equal(2100, renewal.Taxation.Rate.BasisPoints);
        Assert.Equal("USD", renewal.Currency.Code); // the currency is the subscription's for life
    }

    [Fact]
    [Trait("Rule", "P1")]
    public void The_billing_owner_can_switch_from_card_to_paypal_and_the_next_charge_uses_it()
    {
        var state = Ownership.SwitchPaymentMethod(Subscribed(), PayPal, As(Alice), At(Now)).Ok().State;
        var renewal = Renewals.Advance(state, At(state.Subscription!.RenewsAt));
        Assert.Equal(PaymentProvider.PayPal, renewal.Charges().Single().PaymentMethod.Provider);

        var back = Ownership.SwitchPaymentMethod(state, Card, As(Alice), At(Now)).Ok().State;
        Assert.Equal(PaymentProvider.Stripe, back.Subscription!.PaymentMethod.Provider);
    }

    [Fact]
    [Trait("Rule", "P2")]
    public void Only_the_providers_token_and_a_summary_are_kept_and_audited()
    {
        var decision = Ownership.SwitchPaymentMethod(Subscribed(), PayPal, As(Alice), At(Now)).Ok();
        Assert.IsType<PaymentMethodSummary>(decision.Audit.Single().After);
        Assert.Equal("payer@example.com", ((PaymentMethodSummary)decision.Audit.Single().After!).Email);
    }

    [Fact]
    [Trait("Rule", "I1")]
    public void The_billing_owner_cannot_switch_to_payment_by_invoice() =>
        Ownership.SwitchPaymentMethod(Subscribed(), PaymentMethod.ByInvoice, As(Alice), At(Now)).Fails(ErrorCode.Forbidden);

    [Fact]
    [Trait("Rule", "R3")]
    public void Switching_the_payment_method_while_past_due_brings_the_retry_forward_to_now()
    {
        var state = Subscribed();
        var renewal = Renewals.Advance(state, At(state.Subscription!.RenewsAt));
        var invoice = Issued(renewal.Invoices().Single());
        var pastDue = ChargeOutcomes.Failed(renewal.State, invoice, 1, Caller.System("renewal-run"), At(state.Subscription.RenewsAt)).Decision.State;

        var switched = Ownership.SwitchPaymentMethod(pastDue, PayPal, As(Alice), At(state.Subscription.RenewsAt.AddHours(2))).Ok().State;
        var retry = Renewals.Advance(switched, At(state.Subscription.RenewsAt.AddHours(2)));
        var charge = retry.Charges().Single();
        Assert.Equal((PaymentProvider.PayPal, 2), (charge.PaymentMethod.Provider, charge.Attempt));
    }

    [Fact]
    [Trait("Rule", "B8")]
    public void B8_sales_or_an_operator_transfers_ownership_when_the_owner_has_left_and_both_are_emailed()
    {
        var operatorCaller = Caller.Person(UserId.Parse("olga-ops"), ServiceRoles.Operator);
        foreach (var recoverer in new[] { Sales, operatorCaller })
        {
            var decision = Ownership.TransferBillingOwner(Subscribed(), Bob, recoverer, At(Now)).Ok();

            Assert.Equal(Bob, decision.State.Subscription!.BillingOwner);
            Assert.Equal((AuditAction.BillingOwnerTransferred, recoverer.AuditName), (decision.Audit[0].Action, decision.Audit[0].Actor));
            Assert.Equal(
                [(EmailKind.BillingOwnershipHandedOver, Alice, "alice@acme.test"), (EmailKind.BillingOwnershipReceived, Bob, "bob@acme.test")],
                decision.Emails().Select(e => (e.Kind, e.Recipient, e.Address)));
        }
    }

    [Fact]
    [Trait("Rule", "B8")]
    public void B8_after_the_transfer_the_directory_may_remove_the_former_owner()
    {
        var state = Subscribed();
        SpaceDirectory.RemoveMember(state, Alice, DirectoryService, At(Now)).Fails(ErrorCode.BillingOwnerMustTransferFirst);

        var transferred = Ownership.TransferBillingOwner(state, Bob, Sales, At(Now)).Ok().State;

        Assert.False(SpaceDirectory.RemoveMember(transferred, Alice, DirectoryService, At(Now)).Ok().State.IsMember(Alice));
    }

    [Fact]
    [Trait("Rule", "B8")]
    public void B8_a_member_without_a_service_role_still_cannot_transfer_and_a_space_without_a_plan_has_no_owner_to_replace()
    {
        Ownership.TransferBillingOwner(Subscribed(), Carol, As(Bob), At(Now)).Fails(ErrorCode.NotBillingOwner);
        Ownership.TransferBillingOwner(Space(), Bob, Sales, At(Now)).Fails(ErrorCode.NotSubscribed);
        Ownership.TransferBillingOwner(Subscribed(), Stranger, Sales, At(Now)).Fails(ErrorCode.BillingOwnerNotMember);
        Ownership.TransferBillingOwner(Subscribed(), Bob, Caller.Person(UserId.Parse("dir"), ServiceRoles.Directory), At(Now)).Fails(ErrorCode.NotFound);
    }

    [Fact]
    [Trait("Rule", "I1")]
    public void I1_sales_moves_an_eligible_plan_to_payment_by_invoice_and_back_to_a_card()
    {
        var state = Subscribed(cycle: Billing.Core.Calendar.BillingCycle.Annual, seats: 20, members: 20);

        var byInvoice = Ownership.SwitchPaymentMethod(state, PaymentMethod.ByInvoice, Sales, At(Now)).Ok().State;
        Assert.True(byInvoice.Subscription!.IsPaidByInvoice);
        Ownership.SwitchPaymentMethod(byInvoice, Card, As(Alice), At(Now)).Fails(ErrorCode.ContactSales);

        var back = Ownership.SwitchPaymentMethod(byInvoice, Card, Sales, At(Now)).Ok().State;
        Assert.Equal(Card, back.Subscription!.PaymentMethod);
    }

    [Fact]
    [Trait("Rule", "I1")]
    public void I1_eligibility_counts_members_that_count_not_seats_bought()
    {
        var manySeatsFewMembers = Subscribed(cycle: Billing.Core.Calendar.BillingCycle.Annual, seats: 25, members: 5);
        Ownership.SwitchPaymentMethod(manySeatsFewMembers, PaymentMethod.ByInvoice, Sales, At(Now)).Fails(ErrorCode.InvoicePaymentNotEligible);
        Upgrades.Upgrade(Space(members: 5), Upgrade(cycle: Billing.Core.Calendar.BillingCycle.Annual, seats: 25, paymentMethod: PaymentMethod.ByInvoice), Sales, At(Now))
            .Fails(ErrorCode.InvoicePaymentNotEligible);
        Assert.True(Upgrades.Upgrade(Space(members: 20), Upgrade(cycle: Billing.Core.Calendar.BillingCycle.Annual, seats: 20, paymentMethod: PaymentMethod.ByInvoice), Sales, At(Now)).IsSuccess);
    }
}
