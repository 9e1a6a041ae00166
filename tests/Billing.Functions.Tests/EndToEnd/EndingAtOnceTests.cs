using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>U12: sales ends a plan at once; the billing owner alone only cancels at period end (C2).</summary>
public sealed class EndingAtOnceTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Fact]
    [Trait("Rule", "U12")]
    public async Task Sales_ends_a_plan_at_once_without_refund_the_space_is_on_basic_the_owner_is_emailed_and_nothing_is_deleted()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync(ownerLocale: "id-ID");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/subscription/cancel") { Content = JsonContent.Create(new { at = "now", refund = "none" }) };
        request.Headers.Add("Idempotency-Key", "end-1");

        var ended = await Ok(await _api.Sales.SendAsync(request));
        Assert.Equal("basic", ended.GetProperty("status").GetString());

        // The same key and body answer the first answer; nothing happens twice.
        var again = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/subscription/cancel") { Content = JsonContent.Create(new { at = "now", refund = "none" }) };
        again.Headers.Add("Idempotency-Key", "end-1");
        Assert.Equal("basic", (await Ok(await _api.Sales.SendAsync(again))).GetProperty("status").GetString());

        Assert.Equal("basic", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString());
        var mails = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        Assert.Single(mails, m => m.GetProperty("subject").GetString() == "Paket berbayar untuk Acme telah berakhir");
        // C3: the invoices and the audit trail are kept, and the last billing owner still reads them.
        Assert.Equal(1, (await _api.InvoicesAsync(space, owner)).GetProperty("items").GetArrayLength());
        var audit = await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/audit?pageSize=100"));
        Assert.Single(audit.GetProperty("items").EnumerateArray(), r => r.GetProperty("action").GetString() == "subscription_ended" && r.GetProperty("actor").GetString() == "sam");
    }

    [Fact]
    [Trait("Rule", "U12")]
    public async Task The_billing_owner_cannot_end_at_once_and_bad_bodies_are_refused_with_nothing_changed()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
        var before = await _api.AuditCountAsync(space, owner);
        var cancel = $"/api/spaces/{space}/subscription/cancel";

        await Problem(await _api.As(owner).PostAsJsonAsync(cancel, new { at = "now", refund = "none" }), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.Sales.PostAsJsonAsync(cancel, new { at = "tomorrow", refund = "none" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsJsonAsync(cancel, new { at = "now", refund = "all" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsJsonAsync(cancel, new { at = "now" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsync(cancel, Json("""{"at":"now","refund":"none""")), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.As(Stranger).PostAsJsonAsync(cancel, new { at = "now", refund = "none" }), HttpStatusCode.NotFound, "not_found");
        var basic = await _api.WorkspaceAsync();
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{basic}/subscription/cancel", new { at = "now", refund = "none" }), HttpStatusCode.Conflict, "not_subscribed");

        Assert.Equal("active", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString());
        Assert.Equal(before, await _api.AuditCountAsync(space, owner));
    }

    [Fact]
    [Trait("Rule", "U12")]
    public async Task Sales_ends_a_plan_at_once_with_a_prorated_refund_a_credit_note_gives_back_the_unused_part_once()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
        var paid = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];

        Assert.Equal("basic", (await Ok(await _api.Sales.PostAsJsonAsync($"/api/spaces/{space}/subscription/cancel", new { at = "now", refund = "prorated" }))).GetProperty("status").GetString());

        JsonElement creditNote = default;
        for (var wait = 0; wait < 200 && creditNote.ValueKind == JsonValueKind.Undefined; wait++)
        {
            creditNote = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray()
                .FirstOrDefault(i => i.GetProperty("kind").GetString() == "credit_note" && i.GetProperty("number").ValueKind == JsonValueKind.String);
            await Task.Delay(100);
        }

        Assert.StartsWith("CN-", creditNote.GetProperty("number").GetString(), StringComparison.Ordinal);
        Assert.Equal(paid.GetProperty("id").GetString(), creditNote.GetProperty("creditsInvoiceId").GetString());
        var credited = -creditNote.GetProperty("total").GetProperty("amount").GetInt64();
        Assert.InRange(credited, 1, paid.GetProperty("total").GetProperty("amount").GetInt64());
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        var refund = Assert.Single(server.Sandbox.PartRefunds, r => r.Key.StartsWith($"refund:{space}:", StringComparison.Ordinal));
        Assert.Equal(credited, refund.Value.Amount.Amount);
        var ended = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        Assert.Contains(ended, m => m.GetProperty("attachments").EnumerateArray().Any(a => a.GetRawText().Contains($"{creditNote.GetProperty("number").GetString()}.pdf", StringComparison.Ordinal)));
    }

    public void Dispose() => _inbox.Dispose();
}
