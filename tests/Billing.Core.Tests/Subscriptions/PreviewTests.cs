using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class PreviewTests
{
    [Fact]
    [Trait("Rule", "U8")]
    public void An_upgrade_previewed_without_billing_information_is_priced_in_the_default_currency_without_tax()
    {
        var preview = Previews.Upgrade(Space(), Upgrade(seats: 5) with { BillingInfo = Previews.AssumedBillingInfo, PaymentMethod = null }, As(Alice), At(Now)).Ok();

        Assert.Equal(Usd(5 * 1099), preview.DueNow!.Subtotal);
        Assert.Equal(Usd(0), preview.DueNow.Tax);
        Assert.Equal(Usd(5 * 1099), preview.NextInvoiceTotal);
    }
}
