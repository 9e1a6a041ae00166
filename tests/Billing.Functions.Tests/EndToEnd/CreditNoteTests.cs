using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Functions.Tests.Support;
using UglyToad.PdfPig;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// V5 over HTTP on Azurite and maildev, with Stripe and PayPal as their local stub: sales voids an open invoice and
/// refunds a paid one; each issues a credit note, read back as a PDF; the provider's refund webhooks and the
/// refunds made here meet once.
/// </summary>
[Trait("Rule", "V5")]
public sealed class CreditNoteTests(ProvidersServerFixture server) : IClassFixture<ProvidersServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    private ProviderStub Stub => server.Stub;

    [Fact]
    public async Task A_partial_refund_on_Stripe_is_refunded_once_per_key_with_one_credit_note_of_exactly_the_amount_and_its_tax_share()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("stripe", ProviderStub.StripeCard, ownerLocale: "fr-FR");
        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        var invoiceId = invoice.GetProperty("id").GetString()!;
        var total = invoice.GetProperty("total").GetProperty("amount").GetInt64();
        Assert.NotEqual(0, invoice.GetProperty("tax").GetProperty("amount").GetInt64());

        var note = await Ok(await RefundAsync(space, invoiceId, new { amount = 1001 }, "refund-1"), HttpStatusCode.Created);
        Assert.Equal(("credit_note", invoiceId, -1001L), (note.GetProperty("kind").GetString(), note.GetProperty("creditsInvoiceId").GetString(), note.GetProperty("total").GetProperty("amount").GetInt64()));
        Assert.Equal(-1001, note.GetProperty("subtotal").GetProperty("amount").GetInt64() + note.GetProperty("tax").GetProperty("amount").GetInt64());
        Assert.True(note.GetProperty("tax").GetProperty("amount").GetInt64() < 0);

        // The same key and body: the first answer again, and nothing happens twice.
        var again = await Ok(await RefundAsync(space, invoiceId, new { amount = 1001 }, "refund-1"), HttpStatusCode.Created);
        Assert.Equal(note.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        await Problem(await RefundAsync(space, invoiceId, new { amount = 1002 }, "refund-1"), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");

        var noteId = note.GetProperty("id").GetString()!;
        var refund = await StripeRefundOfAsync(space, noteId);
        Assert.Equal("1001", refund["amount"]!.ToJsonString());
        Assert.Equal(1, Stub.RequestsWith($"refund:{space}:{noteId}"));
        Assert.Single(Stub.StripeRefunds, r => r["metadata"]?["space_id"]?.GetValue<string>() == space);

        var numbered = await NumberedAsync(space, owner, noteId);
        Assert.Matches("^CN-\\d{4}-\\d{6}$", numbered.GetProperty("number").GetString());
        Assert.Equal("partially_refunded", (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());
        var credits = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "credit_note").ToList();
        Assert.Single(credits);

        // A partial refund's credit note is one line of its own: the refund of the invoice, 1 x the net, the rest its tax.
        var line = Assert.Single(note.GetProperty("lines").EnumerateArray());
        var invoiceNumber = (await NumberedAsync(space, owner, invoiceId)).GetProperty("number").GetString()!;
        Assert.Equal(("refund", 1, $"Refund of invoice {invoiceNumber}"), (line.GetProperty("kind").GetString(), line.GetProperty("quantity").GetInt32(), line.GetProperty("description").GetString()![..(18 + invoiceNumber.Length)]));
        Assert.Equal(note.GetProperty("subtotal").GetProperty("amount").GetInt64(), line.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(-line.GetProperty("amount").GetProperty("amount").GetInt64(), line.GetProperty("unitPrice").GetProperty("amount").GetInt64());

        // The credit note's PDF, in the billing owner's language, names the invoice it credits, and is issued, not paid.
        var text = await PdfTextAsync(space, owner, noteId);
        Assert.Contains("Avoir", text, StringComparison.Ordinal);
        Assert.Contains("Avoir sur la facture", text, StringComparison.Ordinal);
        Assert.Contains(numbered.GetProperty("number").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains("-10,01", text, StringComparison.Ordinal);
        Assert.Contains($"Remboursement de la facture {invoiceNumber}", text, StringComparison.Ordinal);
        Assert.Contains("Émis", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Payée", text, StringComparison.Ordinal);
        var mails = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        var mail = Assert.Single(mails, m => m.GetProperty("subject").GetString()!.StartsWith($"Avoir {numbered.GetProperty("number").GetString()}", StringComparison.Ordinal));
        // The email says where the money goes back, and nothing of a void.
        Assert.Contains($"le remboursement de 10,01 EUR au titre de la facture {invoiceNumber} est versé sur votre carte Visa se terminant par 4242.", System.Text.RegularExpressions.Regex.Replace(mail.GetProperty("text").GetString()!, "[\u00a0\u202f]", " "), StringComparison.Ordinal);
        Assert.DoesNotContain("annulée", mail.GetProperty("text").GetString()!, StringComparison.Ordinal);

        // Counting the first refund, more than was paid is refused; all that is left is not.
        await Problem(await RefundAsync(space, invoiceId, new { amount = total - 1000 }), HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        var rest = await Ok(await RefundAsync(space, invoiceId, null), HttpStatusCode.Created);
        Assert.Equal(-(total - 1001), rest.GetProperty("total").GetProperty("amount").GetInt64());
        await StripeRefundOfAsync(space, rest.GetProperty("id").GetString()!);
        Assert.Equal("refunded", (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());
        await Problem(await RefundAsync(space, invoiceId, new { amount = 1 }), HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");

        var audit = (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, audit.Count(a => a.GetProperty("action").GetString() == "invoice_refunded" && a.GetProperty("actor").GetString() == "sam"));
    }

    [Fact]
    public async Task Stripes_charge_refunded_webhook_changes_nothing_for_refunds_made_here_and_credits_a_dashboard_refund_once()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("stripe", ProviderStub.StripeCard);
        var invoiceId = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var note = await Ok(await RefundAsync(space, invoiceId, new { amount = 700 }), HttpStatusCode.Created);
        var ours = await StripeRefundOfAsync(space, note.GetProperty("id").GetString()!);
        var intent = Stub.StripeIntents.Single(i => i["metadata"]?["space_id"]?.GetValue<string>() == space);

        // Stripe's charge lists the refund made here, with the metadata it was made with: nothing new.
        var charge = ChargeWith(intent, ours);
        var first = WebhookSigner.StripeEvent("charge.refunded", charge);
        Assert.Equal("applied", (await Ok(await PostStripeAsync(first))).GetProperty("outcome").GetString());
        Assert.Single(await CreditNotesAsync(space, owner));

        // Then someone refunds 300 more in Stripe's dashboard: one credit note for it, however often Stripe tells.
        var dashboard = ProviderStub.Fixture("refund");
        dashboard["id"] = $"re_dashboard_{Guid.NewGuid():N}";
        dashboard["amount"] = 300;
        dashboard["currency"] = intent["currency"]!.DeepClone();
        var second = WebhookSigner.StripeEvent("charge.refunded", ChargeWith(intent, ours, dashboard));
        await Ok(await PostStripeAsync(second));
        Assert.Equal("duplicate", (await Ok(await PostStripeAsync(second))).GetProperty("outcome").GetString());
        var resent = WebhookSigner.StripeEvent("charge.refunded", ChargeWith(intent, ours, dashboard)); // the same refunds under a new event id
        await Ok(await PostStripeAsync(resent));

        var notes = await CreditNotesAsync(space, owner);
        Assert.Equal([-700L, -300L], notes.Select(n => n.GetProperty("total").GetProperty("amount").GetInt64()).Order());
        Assert.Single(Stub.StripeRefunds, r => r["metadata"]?["space_id"]?.GetValue<string>() == space); // the dashboard's is not refunded again
        Assert.Equal("partially_refunded", (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Voiding_an_open_Stripe_invoice_issues_a_credit_note_of_all_of_it_and_a_void_invoice_is_neither_voided_nor_refunded_again()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("stripe", ProviderStub.StripeNeedsAuthentication);
        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        var invoiceId = invoice.GetProperty("id").GetString()!;
        Assert.Equal("open", invoice.GetProperty("status").GetString());
        await Problem(await RefundAsync(space, invoiceId, new { amount = 100 }), HttpStatusCode.Conflict, "invoice_not_paid");

        var note = await Ok(await VoidAsync(space, invoiceId, "void-1"), HttpStatusCode.Created);
        Assert.Equal(-invoice.GetProperty("total").GetProperty("amount").GetInt64(), note.GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal(-invoice.GetProperty("tax").GetProperty("amount").GetInt64(), note.GetProperty("tax").GetProperty("amount").GetInt64());
        Assert.Equal(note.GetProperty("id").GetString(), (await Ok(await VoidAsync(space, invoiceId, "void-1"), HttpStatusCode.Created)).GetProperty("id").GetString());

        Assert.Equal("void", (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());
        await Problem(await VoidAsync(space, invoiceId), HttpStatusCode.Conflict, "invoice_not_open");
        await Problem(await RefundAsync(space, invoiceId, null), HttpStatusCode.Conflict, "invoice_not_paid");
        var numbered = await NumberedAsync(space, owner, note.GetProperty("id").GetString()!);
        Assert.Contains("Credit note", await PdfTextAsync(space, owner, numbered.GetProperty("id").GetString()!), StringComparison.Ordinal);
        // A void's credit note mirrors the invoice's lines, and its email says the invoice is cancelled, not that money goes back.
        Assert.Equal(invoice.GetProperty("lines").GetArrayLength(), note.GetProperty("lines").GetArrayLength());
        var mails = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        var mail = Assert.Single(mails, m => m.GetProperty("subject").GetString()!.Contains("is cancelled", StringComparison.Ordinal));
        Assert.Contains($"Invoice {(await NumberedAsync(space, owner, invoiceId)).GetProperty("number").GetString()} for", mail.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.Contains($"is cancelled by the attached credit note {numbered.GetProperty("number").GetString()}: nothing is owed on it.", mail.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("refund", mail.GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await CreditNotesAsync(space, owner));
        Assert.DoesNotContain(Stub.StripeRefunds, r => r["metadata"]?["space_id"]?.GetValue<string>() == space); // nothing was paid, nothing goes back
        var audit = (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").EnumerateArray();
        Assert.Single(audit, a => a.GetProperty("action").GetString() == "invoice_voided");
    }

    [Fact]
    public async Task A_partial_refund_on_PayPal_refunds_the_capture_once_and_its_webhook_meets_it_while_a_dashboard_refund_is_credited_once()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("paypal", ProviderStub.PayPalAccount, ownerLocale: "sv-SE");
        var invoiceId = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var capture = Stub.PayPalCaptures.Single(c => c.CustomId.StartsWith(space + "|", StringComparison.Ordinal)).Capture;

        var note = await Ok(await RefundAsync(space, invoiceId, new { amount = 1250 }, "pp-refund-1"), HttpStatusCode.Created);
        var noteId = note.GetProperty("id").GetString()!;
        Assert.Equal(note.GetProperty("id").GetString(), (await Ok(await RefundAsync(space, invoiceId, new { amount = 1250 }, "pp-refund-1"), HttpStatusCode.Created)).GetProperty("id").GetString());
        var ours = await PayPalRefundOfAsync(capture);
        Assert.Equal("12.50", ours.Body["amount"]!["value"]!.GetValue<string>());
        Assert.Equal(1, Stub.RequestsWith($"refund:{space}:{noteId}"));

        var numbered = await NumberedAsync(space, owner, noteId);
        var text = await PdfTextAsync(space, owner, noteId);
        Assert.Contains("Kreditnota", text, StringComparison.Ordinal);
        Assert.Contains("Krediterar faktura", text, StringComparison.Ordinal);
        Assert.Contains(numbered.GetProperty("number").GetString()!, text, StringComparison.Ordinal);

        // PayPal tells of the refund made here: its custom_id names the credit note, so nothing new.
        var currency = note.GetProperty("total").GetProperty("currency").GetString()!;
        var ourEvent = WebhookSigner.PayPalEvent("PAYMENT.CAPTURE.REFUNDED", PayPalRefund(ours.Refund, "12.50", currency, capture, ours.Body["custom_id"]?.GetValue<string>()));
        Assert.Equal("applied", (await Ok(await PostPayPalAsync(ourEvent))).GetProperty("outcome").GetString());
        Assert.Single(await CreditNotesAsync(space, owner));

        // A refund made in PayPal's dashboard names only the capture: credited once, however often told.
        var dashboard = PayPalRefund($"DASH{Guid.NewGuid():N}"[..17].ToUpperInvariant(), "5.00", currency, capture, null);
        var theirs = WebhookSigner.PayPalEvent("PAYMENT.CAPTURE.REFUNDED", dashboard.DeepClone().AsObject());
        Assert.Equal("applied", (await Ok(await PostPayPalAsync(theirs))).GetProperty("outcome").GetString());
        Assert.Equal("duplicate", (await Ok(await PostPayPalAsync(theirs))).GetProperty("outcome").GetString());
        await Ok(await PostPayPalAsync(WebhookSigner.PayPalEvent("PAYMENT.CAPTURE.REFUNDED", dashboard.DeepClone().AsObject()))); // a new event id

        var notes = await CreditNotesAsync(space, owner);
        Assert.Equal([-1250L, -500L], notes.Select(n => n.GetProperty("total").GetProperty("amount").GetInt64()).Order());
        Assert.Single(Stub.PayPalRefunds, r => r.Capture == capture);
    }

    [Fact]
    public async Task Bad_refunds_and_voids_are_refused_with_a_stable_code_and_nothing_written()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("stripe", ProviderStub.StripeCard);
        var invoiceId = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var refunds = $"/api/spaces/{space}/invoices/{invoiceId}/refunds";
        var before = await _api.AuditCountAsync(space, owner);

        await Problem(await _api.Sales.PostAsJsonAsync(refunds, new { amount = 0 }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsJsonAsync(refunds, new { amount = -100 }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsync(refunds, Json("""{"amount":10.5}""")), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsync(refunds, Json("""{"amount":"100"}""")), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsync(refunds, Json("""{"amount":100""")), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsJsonAsync(refunds, new { amount = 100, reference = "line\nbreak" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PostAsJsonAsync(refunds, new { amount = long.MaxValue }), HttpStatusCode.UnprocessableEntity, "refund_exceeds_paid");
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{space}/invoices/no-such-invoice/refunds", new { amount = 100 }), HttpStatusCode.NotFound, "not_found");
        await Problem(await _api.Sales.PostAsync($"/api/spaces/{space}/invoices/no-such-invoice/void", null), HttpStatusCode.NotFound, "not_found");
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{space}/invoices/bad%20id/refunds", new { amount = 100 }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.As(owner).PostAsJsonAsync(refunds, new { amount = 100 }), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.As(owner).PostAsync($"/api/spaces/{space}/invoices/{invoiceId}/void", null), HttpStatusCode.Forbidden, "forbidden");
        // Another service role is not sales, and not a member either: the space is not shown to it (as for I3's payments).
        await Problem(await _api.Operator.PostAsJsonAsync(refunds, new { amount = 100 }), HttpStatusCode.NotFound, "not_found");
        await Problem(await _api.As(Stranger).PostAsJsonAsync(refunds, new { amount = 100 }), HttpStatusCode.NotFound, "not_found");
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{NewId()}/invoices/{invoiceId}/refunds", new { amount = 100 }), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(before, await _api.AuditCountAsync(space, owner));
        Assert.Equal("paid", (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());
        Assert.Empty(await CreditNotesAsync(space, owner));
        Assert.DoesNotContain(Stub.StripeRefunds, r => r["metadata"]?["space_id"]?.GetValue<string>() == space);
    }

    public void Dispose() => _inbox.Dispose();

    private async Task<HttpResponseMessage> RefundAsync(string space, string invoice, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/invoices/{invoice}/refunds") { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _api.Sales.SendAsync(request);
    }

    private async Task<HttpResponseMessage> VoidAsync(string space, string invoice, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/spaces/{space}/invoices/{invoice}/void");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _api.Sales.SendAsync(request);
    }

    private async Task<List<JsonElement>> CreditNotesAsync(string space, string owner) =>
        [.. (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices?pageSize=100"))).GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "credit_note")];

    /// <summary>The credit note once delivery numbered it (the read itself waits for that).</summary>
    private async Task<JsonElement> NumberedAsync(string space, string owner, string id)
    {
        var note = await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{id}"));
        Assert.Equal(JsonValueKind.String, note.GetProperty("number").ValueKind);
        return note;
    }

    private async Task<string> PdfTextAsync(string space, string owner, string id)
    {
        var pdf = await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    /// <summary>The refund the stub made for the credit note (delivery makes it after the answer).</summary>
    // A credit note's id is unique within its space only (two plans started in the same second share invoice ids).
    private async Task<JsonObject> StripeRefundOfAsync(string space, string creditNote)
    {
        for (var wait = 0; wait < 200; wait++)
        {
            if (Stub.StripeRefunds.FirstOrDefault(r => r["metadata"]?["space_id"]?.GetValue<string>() == space
                && r["metadata"]?["credit_note_id"]?.GetValue<string>() == creditNote) is { } made)
            {
                return made;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No Stripe refund for {creditNote}.");
    }

    private async Task<(string Capture, string Refund, JsonObject Body)> PayPalRefundOfAsync(string capture)
    {
        for (var wait = 0; wait < 200; wait++)
        {
            if (Stub.PayPalRefunds.FirstOrDefault(r => r.Capture == capture) is { Capture: not null } made)
            {
                return made;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No PayPal refund of {capture}.");
    }

    private static JsonObject ChargeWith(JsonObject intent, params JsonObject[] refunds)
    {
        var charge = ProviderStub.Fixture("charge");
        charge["id"] = $"ch_{Guid.NewGuid():N}";
        charge["payment_intent"] = intent["id"]!.DeepClone();
        charge["metadata"] = new JsonObject();
        charge["currency"] = intent["currency"]!.DeepClone();
        charge["refunds"]!["data"] = new JsonArray([.. refunds.Select(r => r.DeepClone())]);
        charge["amount_refunded"] = refunds.Sum(r => long.Parse(r["amount"]!.ToJsonString(), CultureInfo.InvariantCulture));
        return charge;
    }

    private static JsonObject PayPalRefund(string id, string value, string currency, string capture, string? customId)
    {
        var refund = new JsonObject
        {
            ["id"] = id,
            ["status"] = "COMPLETED",
            ["amount"] = new JsonObject { ["currency_code"] = currency, ["value"] = value },
            ["links"] = new JsonArray(
                new JsonObject { ["rel"] = "self", ["href"] = $"https://api.sandbox.paypal.com/v2/payments/refunds/{id}" },
                new JsonObject { ["rel"] = "up", ["href"] = $"https://api.sandbox.paypal.com/v2/payments/captures/{capture}" }),
        };
        if (customId is not null)
        {
            refund["custom_id"] = customId;
        }

        return refund;
    }

    private async Task<HttpResponseMessage> PostStripeAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", WebhookSigner.StripeSignature(body));
        return await server.Anonymous.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostPayPalAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/paypal") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in WebhookSigner.PayPalHeaders(body, server.Stub))
        {
            request.Headers.Add(name, value);
        }

        return await server.Anonymous.SendAsync(request);
    }
}
