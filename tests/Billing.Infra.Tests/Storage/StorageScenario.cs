using System.Collections.Immutable;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Infra.Storage;

namespace Billing.Infra.Tests.Storage;

/// <summary>Decisions made through core, as the app makes them, to store and read back.</summary>
internal static class StorageScenario
{
    public static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
    public static readonly UserId Owner = UserId.Parse("owner");
    public static readonly Caller DirectoryService = Caller.Person(UserId.Parse("product"), ServiceRoles.Directory);

    public static readonly Issuer Issuer = new(
        "Collab Billing B.V.", new PostalAddress("Keizersgracht 1", null, "Amsterdam", "1015 AA", null, "NL"), "NL0B01", "billing@collab.test", "TST", null);

    public static SpaceId NewSpaceId() => SpaceId.Parse($"s-{Guid.NewGuid():N}");

    public static DecisionContext At(DateTimeOffset now) => DecisionContext.At(now, "req-test");

    /// <summary>Creates the space with three members (one a CJK name, to round-trip any script) and stores it.</summary>
    public static async Task<StoredSpace> StoredSpaceWithMembersAsync(SpaceStore store, SpaceId id)
    {
        var created = SpaceDirectory.PutSpace(null, new Space(id, SpaceKind.Workspace, "Acme", null, Locale.Parse("nl-NL")), SpaceSurroundings.None, DirectoryService, At(Now)).Value;
        await store.SaveAsync(new SpaceWrite(null, created, [], null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;
        foreach (var (user, name) in new[] { ("owner", "Ada"), ("u2", "王小明"), ("u3", "Søren Ødegård") })
        {
            var added = SpaceDirectory.PutMember(loaded.State, new Member(UserId.Parse(user), $"{user}@acme.test", name, MemberRole.Member, null), DirectoryService, At(Now)).Value;
            await store.SaveAsync(new SpaceWrite(loaded, added, [], null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
            loaded = (await store.LoadAsync(id, CancellationToken.None))!;
        }

        return loaded;
    }

    public static Decision Upgrade(SpaceBilling state, int seats = 5) => Upgrades.Upgrade(
        state,
        new UpgradeCommand(
            TierId.Parse("advanced"),
            BillingCycle.Monthly,
            SeatCount.Of(seats),
            Owner,
            new BillingInfo("Acme B.V.", "ap@acme.test", new PostalAddress("Dam 1", null, "Amsterdam", "1012 JS", null, "NL"), new Billing.Core.Tax.TaxId("NL123456789B01", Billing.Core.Tax.TaxIdStatus.Unverified), Locale.Parse("nl-NL")),
            PaymentMethod.Saved(PaymentProvider.Sandbox, "pm_sandbox_ok", new PaymentMethodSummary("visa", "4242", 12, 2034, null)),
            SpaceSurroundings.None),
        Caller.Person(Owner),
        At(Now)).Value;

    public static ImmutableArray<Invoice> InvoicesOf(Decision decision) =>
        [.. decision.Effects.OfType<IssueInvoice>().Select(i => Invoice.Issue(i.Draft, i.Draft.IssuedAt))];
}
