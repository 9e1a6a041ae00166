using Billing.Core.Calendar;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

/// <summary>The back office offers sales what the decisions let them do, and no one else anything.</summary>
public class SalesActionsTests
{
    [Fact]
    [Trait("Rule", "U12")]
    [Trait("Rule", "T3")]
    public void Sales_may_end_a_plan_at_once_and_set_its_tax_exemption_while_there_is_one()
    {
        var state = Subscribed();
        Assert.Equal([SalesAction.EndNow, SalesAction.SetTaxExemption], SalesActions.ForPlan(state, Sales));
        Assert.Empty(SalesActions.ForPlan(state, As(Alice)));
        Assert.Empty(SalesActions.ForPlan(Space(), Sales));
    }

    [Fact]
    [Trait("Rule", "I3")]
    [Trait("Rule", "V5")]
    public void An_unpaid_invoice_takes_payments_or_a_void_and_a_paid_one_a_refund_from_sales_only()
    {
        var upgrade = Upgrades.Upgrade(Space(members: 20), Upgrade(cycle: BillingCycle.Annual, seats: 20, paymentMethod: PaymentMethod.ByInvoice), Sales, At(Now)).Ok();
        var invoice = Issued(upgrade.Invoices().Single());

        Assert.Equal([SalesAction.RecordPayment, SalesAction.Void], SalesActions.ForInvoice(invoice, Sales));
        Assert.Equal([SalesAction.RecordPayment, SalesAction.Void], SalesActions.ForInvoice(invoice.MarkPastDue(), Sales));
        Assert.Equal([SalesAction.Refund], SalesActions.ForInvoice(invoice.MarkPaid(Now), Sales));
        Assert.Empty(SalesActions.ForInvoice(invoice.MarkVoid(), Sales));
        Assert.Empty(SalesActions.ForInvoice(invoice, As(Alice)));
    }
}
