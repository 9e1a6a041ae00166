using Billing.Core.Catalog;
using Billing.Core.Subscriptions;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

/// <summary>When the renewal run next looks at a space: its next step, or at once while its outbox waits.</summary>
public class RenewalDueTests
{
    [Fact]
    [Trait("Rule", "R1")]
    public void A_space_with_nothing_pending_is_due_at_its_renewal()
    {
        var state = Subscribed();

        Assert.Equal(state.Subscription!.RenewsAt, Renewals.DueAt(state, effectsPending: false, Now, PriceCatalog.Default.Policy));
    }

    [Fact]
    [Trait("Rule", "R2")]
    public void A_space_whose_outbox_waits_is_due_at_once_so_the_run_carries_out_what_nobody_did()
    {
        var state = Subscribed();

        Assert.Equal(Now, Renewals.DueAt(state, effectsPending: true, Now, PriceCatalog.Default.Policy));
        Assert.Equal(Now, Renewals.DueAt(Space(), effectsPending: true, Now, PriceCatalog.Default.Policy)); // Basic: never due otherwise
        Assert.Null(Renewals.DueAt(Space(), effectsPending: false, Now, PriceCatalog.Default.Policy));
    }
}
