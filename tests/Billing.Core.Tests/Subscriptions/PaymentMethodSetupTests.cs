using Billing.Core.Common;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class PaymentMethodSetupTests
{
    [Fact]
    [Trait("Rule", "P1")]
    public void Before_a_plan_any_member_may_start_saving_the_payment_method_they_will_upgrade_with()
    {
        Assert.Null(Access.RequirePaymentMethodSetup(Space(), As(Bob)));
        Assert.Equal(ErrorCode.NotFound, Access.RequirePaymentMethodSetup(Space(), As(Stranger))?.Code);
    }

    [Fact]
    [Trait("Rule", "B1")]
    public void Once_there_is_a_plan_only_its_billing_owner_may_start_saving_a_payment_method()
    {
        Assert.Null(Access.RequirePaymentMethodSetup(Subscribed(), As(Alice)));
        Assert.Equal(ErrorCode.NotBillingOwner, Access.RequirePaymentMethodSetup(Subscribed(), As(Bob))?.Code);
        Assert.Equal(ErrorCode.NotFound, Access.RequirePaymentMethodSetup(Subscribed(), As(Stranger))?.Code);
    }
}
