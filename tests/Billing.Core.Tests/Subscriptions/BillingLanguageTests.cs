using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

public class BillingLanguageTests
{
    private static readonly Locale French = Locale.Parse("fr-FR");
    private static readonly Locale Dutch = Locale.Parse("nl-NL");
    private static readonly Locale Swedish = Locale.Parse("sv-SE");

    [Fact]
    [Trait("Rule", "V4")]
    public void A_language_the_request_names_wins() =>
        Assert.Equal(Dutch, BillingLanguage.Of(Dutch, WithLocales(Subscribed(), owner: French, space: Swedish), Alice));

    [Fact]
    [Trait("Rule", "V4")]
    public void An_update_without_a_language_keeps_the_one_the_billing_information_speaks()
    {
        var state = WithLocales(Subscribed(), owner: French, space: Swedish);
        Assert.Equal(state.Subscription!.BillingInfo.Locale, BillingLanguage.Of(null, state, Alice));
    }

    [Fact]
    [Trait("Rule", "V4")]
    public void An_upgrade_without_a_language_speaks_the_chosen_billing_owners_own()
    {
        var state = WithLocales(Space(), owner: French, space: Swedish);
        Assert.Equal(French, BillingLanguage.Of(null, state, Alice));
        Assert.Equal(Swedish, BillingLanguage.Of(null, state, Bob)); // Bob has no locale of his own
    }

    [Fact]
    [Trait("Rule", "V4")]
    public void Without_any_locale_billing_information_speaks_english() =>
        Assert.Equal(Locale.English, BillingLanguage.Of(null, Space(), Alice));

    private static SpaceBilling WithLocales(SpaceBilling state, Locale owner, Locale space) =>
        state with
        {
            Space = new Space(state.Space.Id, state.Space.Kind, state.Space.Name, state.Space.OrganizationId, space),
            Members = state.Members.SetItem(Alice, state.Members[Alice] with { Locale = owner }),
        };
}
