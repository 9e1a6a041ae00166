using Billing.Core.Catalog;
using Billing.Core.Subscriptions;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class BillingViewTests
{
    [Fact]
    [Trait("Rule", "B5")]
    public void A_space_on_basic_has_no_plan_data_to_show()
    {
        var state = Space();
        Assert.Equal(SubscriptionStatus.Basic, state.Status);
        Assert.Null(state.Subscription);
        Assert.Null(state.Trial);
        Assert.Null(Renewals.NextDueAt(state, PriceCatalog.Default.Policy));
        Assert.Equal("basic", state.Status.ToApiName());
    }

    [Fact]
    [Trait("Rule", "B1")]
    public void Only_the_billing_owner_is_recognised_as_such()
    {
        var state = Subscribed();
        Assert.True(state.IsBillingOwner(Alice));
        Assert.False(state.IsBillingOwner(Bob));
        Assert.False(state.IsBillingOwner(null));
    }
}
