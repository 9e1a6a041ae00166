using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>B8: when the billing owner has left, an operator or sales hands ownership on; I1: sales moves a plan to and from payment by invoice.</summary>
public sealed class OwnerRecoveryTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Theory]
    [Trait("Rule", "B8")]
    [InlineData("operator")]
    [InlineData("sales")]
    public async Task An_operator_or_sales_transfers_ownership_both_are_emailed_in_their_language_and_the_former_owner_can_then_be_removed(string who)
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync(ownerLocale: "fr-FR");
        var successor = $"next-{space}";
        await _api.AddMemberAsync(space, successor, locale: "sv-SE");
        var recoverer = who == "operator" ? _api.Operator : _api.Sales;

        // B6: while they own the plan, the directory cannot remove the owner who left.
        await Problem(await _api.Directory.DeleteAsync($"/api/spaces/{space}/members/{owner}"), HttpStatusCode.Conflict, "billing_owner_must_transfer_first");

        await Ok(await recoverer.PutAsJsonAsync($"/api/spaces/{space}/billing-owner", new { userId = successor }));

        var billing = await _api.BillingAsync(space, successor);
        Assert.Equal(successor, billing.GetProperty("billingOwner").GetProperty("userId").GetString());
        var handedOver = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        Assert.Contains(handedOver, m => m.GetProperty("subject").GetString() == "Vous ne gérez plus la facturation de Acme");
        var received = Assert.Single(await _inbox.ToAsync($"{successor}@example.test"));
        Assert.Equal("Du hanterar nu faktureringen för Acme", received.GetProperty("subject").GetString());

        var audit = await Ok(await _api.As(successor).GetAsync($"/api/spaces/{space}/audit?pageSize=100"));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), r => r.GetProperty("action").GetString() == "billing_owner_transferred");

        var removed = await Ok(await _api.Directory.DeleteAsync($"/api/spaces/{space}/members/{owner}"));
        Assert.Equal(4, removed.GetProperty("members").GetInt32()); // the three of the workspace and the successor
    }

    [Fact]
    [Trait("Rule", "B8")]
    public async Task Recovery_to_someone_who_is_not_a_member_is_refused_and_changes_nothing()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
        var before = await _api.AuditCountAsync(space, owner);

        await Problem(await _api.Sales.PutAsJsonAsync($"/api/spaces/{space}/billing-owner", new { userId = "nobody-here" }), HttpStatusCode.UnprocessableEntity, "billing_owner_not_member");
        await Problem(await _api.Sales.PutAsJsonAsync($"/api/spaces/{space}/billing-owner", new { userId = "not an id!" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Directory.PutAsJsonAsync($"/api/spaces/{space}/billing-owner", new { userId = Colleague }), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(owner, (await _api.BillingAsync(space, owner)).GetProperty("billingOwner").GetProperty("userId").GetString());
        Assert.Equal(before, await _api.AuditCountAsync(space, owner));
    }

    [Fact]
    [Trait("Rule", "I1")]
    public async Task Sales_moves_an_annual_plan_of_twenty_members_to_payment_by_invoice_and_back_to_the_saved_card()
    {
        var space = await _api.WorkspaceAsync(extraMembers: 17);
        await _api.UpgradeAsync(space, UpgradeBody(cycle: "annual", seats: 20));

        await Problem(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "invoice" }), HttpStatusCode.Forbidden, "forbidden");
        await Ok(await _api.Sales.PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "invoice" }));
        Assert.Equal("invoice", (await _api.BillingAsync(space)).GetProperty("paymentMethod").GetProperty("provider").GetString());
        await Problem(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "sandbox", token = "pm_sandbox_ok" }), HttpStatusCode.Conflict, "contact_sales");

        await Ok(await _api.Sales.PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "sandbox", token = "pm_sandbox_ok" }));
        Assert.Equal("sandbox", (await _api.BillingAsync(space)).GetProperty("paymentMethod").GetProperty("provider").GetString());
    }

    [Fact]
    [Trait("Rule", "I1")]
    public async Task Payment_by_invoice_counts_members_not_seats_bought()
    {
        var space = await _api.WorkspaceAsync(extraMembers: 2);
        await _api.UpgradeAsync(space, UpgradeBody(cycle: "annual", seats: 25));

        await Problem(await _api.Sales.PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "invoice" }), HttpStatusCode.UnprocessableEntity, "invoice_payment_not_eligible");
        var other = await _api.WorkspaceAsync(extraMembers: 2);
        await Problem(
            await _api.Sales.PostAsJsonAsync($"/api/spaces/{other}/subscription", UpgradeBody(cycle: "annual", seats: 25, provider: "invoice")),
            HttpStatusCode.UnprocessableEntity,
            "invoice_payment_not_eligible");
    }

    public void Dispose() => _inbox.Dispose();
}
