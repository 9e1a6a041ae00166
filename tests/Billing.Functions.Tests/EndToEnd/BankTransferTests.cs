using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>I3 over HTTP on Azurite and maildev: sales records the bank transfers that pay an invoice.</summary>
[Trait("Rule", "I3")]
public sealed class BankTransferTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Fact]
    public async Task A_twenty_member_annual_plan_paid_by_invoice_is_paid_by_two_partial_transfers_and_the_receipt_is_emailed()
    {
        var (space, owner, invoice) = await InvoicePaidPlanAsync();
        var id = invoice.GetProperty("id").GetString()!;
        var total = invoice.GetProperty("total").GetProperty("amount").GetInt64();
        Assert.Equal("open", invoice.GetProperty("status").GetString());
        Assert.Equal(total, invoice.GetProperty("amountDue").GetProperty("amount").GetInt64());
        Assert.Single(await _inbox.ToAsync($"{owner}@example.test")); // the invoice itself (B4)

        var first = await Ok(await Pay(space, id, total - 100_00, "NL-TRF-0001", "first"), HttpStatusCode.Created);
        Assert.Equal("open", first.GetProperty("status").GetString());
        Assert.Equal(100_00, first.GetProperty("amountDue").GetProperty("amount").GetInt64());

        // Above what is still due: refused, nothing recorded.
        await Problem(await Pay(space, id, 100_01, "NL-TRF-0002"), HttpStatusCode.UnprocessableEntity, "payment_exceeds_amount_due");

        var second = await Ok(await Pay(space, id, 100_00, "NL-TRF-0002", "second"), HttpStatusCode.Created);
        Assert.Equal("paid", second.GetProperty("status").GetString());
        Assert.Equal(0, second.GetProperty("amountDue").GetProperty("amount").GetInt64());
        Assert.Equal(["NL-TRF-0001", "NL-TRF-0002"], second.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("reference").GetString()));

        // The same key and body replays the first answer and records nothing twice; the paid invoice takes no more.
        var replay = await Ok(await Pay(space, id, total - 100_00, "NL-TRF-0001", "first"), HttpStatusCode.Created);
        Assert.Equal("open", replay.GetProperty("status").GetString());
        await Problem(await Pay(space, id, total - 100_00, "NL-TRF-0001", "first", receivedAt: "2026-01-03T00:00:00Z"), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        await Problem(await Pay(space, id, 1, "NL-TRF-0003"), HttpStatusCode.Conflict, "invoice_not_open");

        var stored = (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{id}")));
        Assert.Equal("paid", stored.GetProperty("status").GetString());
        Assert.Equal(2, stored.GetProperty("payments").GetArrayLength());
        Assert.Equal("paid", (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{id}"))).GetProperty("status").GetString());

        // Each payment is audited (A1), by sales.
        var audit = (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, audit.Count(a => a.GetProperty("action").GetString() == "payment_received" && a.GetProperty("actor").GetString() == "sam"));
        Assert.Single(audit, a => a.GetProperty("action").GetString() == "invoice_paid");

        // The receipt: the invoice again, now paid.
        var mails = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m.GetProperty("text").GetString()!.Contains("Paid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_sales_records_payments_and_bad_requests_change_nothing()
    {
        var (space, owner, invoice) = await InvoicePaidPlanAsync();
        var id = invoice.GetProperty("id").GetString()!;
        var route = $"/api/spaces/{space}/invoices/{id}/payments";
        var body = new { amount = 100, receivedAt = "2026-01-02T00:00:00Z", reference = "X" };

        await Problem(await _api.As(owner).PostAsJsonAsync(route, body), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.As(Stranger).PostAsJsonAsync(route, body), HttpStatusCode.NotFound, "not_found");
        await Problem(await server.Anonymous.PostAsJsonAsync(route, body), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{space}/invoices/no-such-invoice/payments", body), HttpStatusCode.NotFound, "not_found");
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{NewId()}/invoices/{id}/payments", body), HttpStatusCode.NotFound, "not_found");

        var invalid = await Problem(await _api.Sales.PostAsJsonAsync(route, new { amount = 0, reference = "" }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(invalid.GetProperty("errors").TryGetProperty("amount", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("receivedAt", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("reference", out _));
        await Problem(await _api.Sales.PostAsJsonAsync(route, new { amount = 100, currency = "JPY", receivedAt = "2026-01-02T00:00:00Z", reference = "X" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsJsonAsync(route, new { amount = 100, currency = "XYZ", receivedAt = "2026-01-02T00:00:00Z", reference = "X" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsJsonAsync(route, new { amount = 100, receivedAt = "2999-01-02T00:00:00Z", reference = "X" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsync(route, Json("""{"amount":"lots","receivedAt":"2026-01-02T00:00:00Z","reference":"X"}""")), HttpStatusCode.BadRequest, "invalid_request");

        var unchanged = await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{id}"));
        Assert.Empty(unchanged.GetProperty("payments").EnumerateArray());
        Assert.Equal(invoice.GetProperty("total").GetProperty("amount").GetInt64(), unchanged.GetProperty("amountDue").GetProperty("amount").GetInt64());
    }

    private Task<HttpResponseMessage> Pay(string space, string invoice, long amount, string reference, string? key = null, string receivedAt = "2026-01-02T00:00:00Z")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/invoices/{invoice}/payments")
        {
            Content = JsonContent.Create(new { amount, receivedAt, reference }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", $"{space}-{key}");
        }

        return _api.Sales.SendAsync(request);
    }

    /// <summary>A workspace of 21 members whose annual plan of 25 seats sales set up to be paid by invoice (I1), with its open invoice.</summary>
    private async Task<(string Space, string Owner, JsonElement Invoice)> InvoicePaidPlanAsync()
    {
        var space = await _api.WorkspaceAsync(extraMembers: 17);
        var owner = $"owner-{space}";
        await _api.AddMemberAsync(space, owner, locale: "en-US");
        await _api.UpgradeAsync(space, UpgradeBody(cycle: "annual", seats: 25, owner: owner, provider: "invoice"), _api.Sales);
        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        return (space, owner, invoice);
    }

    public void Dispose() => _inbox.Dispose();
}
