using System.Collections.Immutable;
using Billing.Core.Amounts;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;

namespace Billing.Core.Tests.Support;

/// <summary>Builds the states the tests start from, with readable defaults.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    public static readonly UserId Alice = UserId.Parse("alice");
    public static readonly UserId Bob = UserId.Parse("bob");
    public static readonly UserId Carol = UserId.Parse("carol");
    public static readonly UserId Stranger = UserId.Parse("stranger");

    public static readonly Caller DirectoryService = Caller.Person(UserId.Parse("product-backend"), ServiceRoles.Directory);
    public static readonly Caller Sales = Caller.Person(UserId.Parse("sam-sales"), ServiceRoles.Sales);

    public static readonly PaymentMethod Card = PaymentMethod.Saved(
        PaymentProvider.Stripe, "pm_card_visa", new PaymentMethodSummary("visa", "4242", 12, 2030, null));

    public static readonly PaymentMethod PayPal = PaymentMethod.Saved(
        PaymentProvider.PayPal, "vault_token_1", new PaymentMethodSummary(null, null, null, null, "payer@example.com"));

    public static readonly Issuer Issuer = new(
        "Collab Inc.", new PostalAddress("1 Main St", null, "Springfield", "12345", "CA", "US"), "US-123", "billing@collab.test", "INV", null);

    public static DecisionContext At(DateTimeOffset now) => DecisionContext.At(now, "req-1");

    public static Caller As(UserId user) => Caller.Person(user);

    public static BillingInfo BillingInfo(string country = "US", string locale = "en-US") =>
        new("Acme Corp", "ap@acme.test", new PostalAddress("2 Side St", null, "Springfield", "12345", null, country), null, Locale.Parse(locale));

    public static SpaceBilling Space(SpaceKind kind = SpaceKind.Workspace, int members = 3, string id = "space-1")
    {
        var space = new Space(SpaceId.Parse(id), kind, "Acme", kind is SpaceKind.Team or SpaceKind.Division ? SpaceId.Parse("org-1") : null, null);
        var state = SpaceDirectory.PutSpace(null, space, SpaceSurroundings.None, DirectoryService, At(Now)).Value.State;
        UserId[] named = [Alice, Bob, Carol];
        for (var i = 0; i < members; i++)
        {
            var user = i < named.Length ? named[i] : UserId.Parse($"user-{i}");
            state = SpaceDirectory.PutMember(state, new Member(user, $"{user}@acme.test", user.Value, MemberRole.Member, null), DirectoryService, At(Now)).Value.State;
        }

        return state;
    }

    public static UpgradeCommand Upgrade(
        string tier = "starter",
        BillingCycle cycle = BillingCycle.Monthly,
        int seats = 5,
        UserId? owner = null,
        PaymentMethod? paymentMethod = null,
        string country = "US",
        SpaceSurroundings? surroundings = null) =>
        new(TierId.Parse(tier), cycle, SeatCount.Of(seats), owner ?? Alice, BillingInfo(country), paymentMethod ?? Card, surroundings ?? SpaceSurroundings.None);

    /// <summary>A space with an active subscription owned by Alice, upgraded at <see cref="Now"/>.</summary>
    public static SpaceBilling Subscribed(string tier = "starter", BillingCycle cycle = BillingCycle.Monthly, int seats = 5, int members = 3, PaymentMethod? paymentMethod = null, string country = "US")
    {
        var caller = paymentMethod is { IsInvoice: true } ? Sales : As(Alice);
        return Upgrades.Upgrade(Space(members: members), Upgrade(tier, cycle, seats, paymentMethod: paymentMethod, country: country), caller, At(Now)).Value.State;
    }

    public static ChangeCommand Change(string? tier = null, BillingCycle? cycle = null, int? seats = null) =>
        new(tier is null ? null : TierId.Parse(tier), cycle, seats is null ? null : SeatCount.Of(seats.Value));

    public static Invoice Issued(InvoiceDraft draft, long sequence = 1) =>
        Invoice.Issue(draft, draft.IssuedAt).NumberAs(Issuer, new InvoiceNumber("INV", draft.IssuedAt.Year, sequence));

    public static ImmutableArray<InvoiceDraft> Invoices(this Decision decision) =>
        [.. decision.Effects.OfType<IssueInvoice>().Select(e => e.Draft)];

    public static ImmutableArray<SendEmail> Emails(this Decision decision) => [.. decision.Effects.OfType<SendEmail>()];

    /// <summary>The charges of a decision, taken now or later.</summary>
    public static ImmutableArray<Charge> Charges(this Decision decision) =>
        [.. decision.Effects.OfType<ChargeNow>().Select(c => c.Charge).Concat(decision.Effects.OfType<ChargeLater>().Select(c => c.Charge))];

    public static Money Usd(long amount) => Money.Of(amount, Currency.Usd);
}
