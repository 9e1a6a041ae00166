using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using UglyToad.PdfPig;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>I4 over HTTP on Azurite and maildev: sales' receivables, the overdue status an invoice shows, and the paid receipt.</summary>
[Trait("Rule", "I4")]
public sealed class ReceivableTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Fact]
    public async Task An_invoice_is_a_receivable_from_its_issue_with_its_amount_due_until_the_transfer_that_pays_it_and_the_receipt_says_paid()
    {
        var (space, owner, invoice) = await InvoicePaidPlanAsync();
        var id = invoice.GetProperty("id").GetString()!;
        var total = invoice.GetProperty("total").GetProperty("amount").GetInt64();

        var listed = await ReceivableAsync(space);
        Assert.Equal(id, listed.GetProperty("invoice").GetProperty("id").GetString());
        Assert.Equal(total, listed.GetProperty("amountDue").GetProperty("amount").GetInt64());
        Assert.Equal(invoice.GetProperty("dueAt").GetDateTimeOffset(), listed.GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(listed.GetProperty("overdue").GetBoolean());
        Assert.Equal(0, listed.GetProperty("daysOverdue").GetInt32());
        Assert.Equal(["recordPayment", "void"], listed.GetProperty("invoice").GetProperty("salesActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("open", listed.GetProperty("invoice").GetProperty("status").GetString());

        await Ok(await PayAsync(space, id, total - 500_00, "NL-TRF-1", "first"), HttpStatusCode.Created);
        await Ok(await PayAsync(space, id, total - 500_00, "NL-TRF-1", "first"), HttpStatusCode.Created); // a retry: replayed, counted once
        Assert.Equal(500_00, (await ReceivableAsync(space)).GetProperty("amountDue").GetProperty("amount").GetInt64());

        await Ok(await PayAsync(space, id, 500_00, "NL-TRF-2", "second"), HttpStatusCode.Created);
        Assert.Null(await FindReceivableAsync(space));

        // The receipt emailed once paid attaches the invoice as paid; the invoice emailed at issue said open.
        var mails = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        Assert.Equal(2, mails.Count);
        Assert.Equal("Open", await AttachedStatusAsync(mails[0]));
        Assert.Equal("Paid", await AttachedStatusAsync(mails[1]));
        Assert.Equal("Paid", StatusOn(await (await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{id}/pdf")).Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task An_invoice_past_its_due_date_shows_past_due_and_is_listed_overdue_oldest_first()
    {
        var (space, owner, invoice) = await InvoicePaidPlanAsync();
        var id = invoice.GetProperty("id").GetString()!;
        var dueAt = invoice.GetProperty("dueAt").GetDateTimeOffset();
        var (later, _, _) = await InvoicePaidPlanAsync();

        await _api.SetClockAsync(dueAt);
        Assert.Equal("past_due", (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{id}"))).GetProperty("status").GetString());
        Assert.Equal("past_due", (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("status").GetString());
        var listed = await ReceivableAsync(space);
        Assert.True(listed.GetProperty("overdue").GetBoolean());
        Assert.Equal(0, listed.GetProperty("daysOverdue").GetInt32());
        Assert.Equal("past_due", listed.GetProperty("invoice").GetProperty("status").GetString());

        var all = await AllReceivablesAsync();
        Assert.True(all.FindIndex(r => r.GetProperty("spaceId").GetString() == space) < all.FindIndex(r => r.GetProperty("spaceId").GetString() == later));
        var dues = all.Select(r => r.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dues.Order(), dues);
    }

    [Fact]
    public async Task Only_sales_lists_the_receivables_and_a_token_the_list_did_not_give_out_is_refused()
    {
        var (_, owner, _) = await InvoicePaidPlanAsync();
        await InvoicePaidPlanAsync();
        await Problem(await _api.As(owner).GetAsync("/api/receivables"), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await server.Anonymous.GetAsync("/api/receivables"), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problem(await _api.Sales.GetAsync("/api/receivables?continuationToken=not-a-token"), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.GetAsync("/api/receivables?pageSize=0"), HttpStatusCode.BadRequest, "invalid_request");

        var first = await Ok(await _api.Sales.GetAsync("/api/receivables?pageSize=1"));
        Assert.Single(first.GetProperty("items").EnumerateArray());
        var token = first.GetProperty("continuationToken").GetString()!;
        var second = await Ok(await _api.Sales.GetAsync($"/api/receivables?pageSize=1&continuationToken={Uri.EscapeDataString(token)}"));
        // An invoice id is unique within its space only (two plans started in the same second share it): the space tells them apart.
        static string Listed(JsonElement page) => $"{page.GetProperty("items")[0].GetProperty("spaceId").GetString()}/{page.GetProperty("items")[0].GetProperty("invoice").GetProperty("id").GetString()}";
        Assert.NotEqual(Listed(first), Listed(second));
    }

    private static async Task<string> AttachedStatusAsync(JsonElement mail)
    {
        var attachment = mail.GetProperty("attachments").EnumerateArray().Single();
        using var mailDev = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("MAILDEV_API")!) };
        return StatusOn(await mailDev.GetByteArrayAsync($"/api/email/{mail.GetProperty("id").GetString()}/attachment/{attachment.GetProperty("generatedFileName").GetString()}"));
    }

    // The status printed on an English invoice (V2).
    [Fact]
    public async Task The_openapi_document_describes_the_receivables_route_and_its_problems()
    {
        using var document = JsonDocument.Parse(await server.Anonymous.GetStringAsync("/api/openapi.json"));
        var get = document.RootElement.GetProperty("paths").GetProperty("/api/receivables").GetProperty("get");
        Assert.Equal("ListReceivables", get.GetProperty("operationId").GetString());
        var responses = get.GetProperty("responses");
        Assert.True(responses.TryGetProperty("200", out _));
        foreach (var status in new[] { "400", "401", "403" })
        {
            Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        }
    }

    private static string StatusOn(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        return text.Contains("Paid", StringComparison.Ordinal) ? "Paid" : text.Contains("Open", StringComparison.Ordinal) ? "Open" : text;
    }

    private async Task<JsonElement> ReceivableAsync(string space) =>
        await FindReceivableAsync(space) ?? throw new Xunit.Sdk.XunitException($"Space {space} has no receivable.");

    private async Task<JsonElement?> FindReceivableAsync(string space)
    {
        var mine = (await AllReceivablesAsync()).Where(r => r.GetProperty("spaceId").GetString() == space).ToList();
        return mine.Count == 0 ? null : Assert.Single(mine);
    }

    private async Task<List<JsonElement>> AllReceivablesAsync()
    {
        var all = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = await Ok(await _api.Sales.GetAsync($"/api/receivables?pageSize=100{(token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}")}"));
            all.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return all;
    }

    private Task<HttpResponseMessage> PayAsync(string space, string invoice, long amount, string reference, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/invoices/{invoice}/payments")
        {
            Content = JsonContent.Create(new { amount, receivedAt = "2026-01-02T00:00:00Z", reference }),
        };
        request.Headers.Add("Idempotency-Key", $"{space}-{key}");
        return _api.Sales.SendAsync(request);
    }

    /// <summary>A workspace of 21 members whose annual plan sales set up to be paid by invoice (I1), with its open invoice.</summary>
    private async Task<(string Space, string Owner, JsonElement Invoice)> InvoicePaidPlanAsync()
    {
        var space = await _api.WorkspaceAsync(extraMembers: 17);
        var owner = $"owner-{space}";
        await _api.AddMemberAsync(space, owner, locale: "en-US");
        await _api.UpgradeAsync(space, UpgradeBody(cycle: "annual", seats: 25, owner: owner, provider: "invoice"), _api.Sales);
        return (space, owner, (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0]);
    }

    public void Dispose() => _inbox.Dispose();
}
