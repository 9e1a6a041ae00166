using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// The providers' webhooks over HTTP: events built from Stripe's example objects (and PayPal's event
/// shape), signed in the test with each provider's real scheme, against Azurite.
/// </summary>
public sealed class WebhookTests(ProvidersServerFixture server) : IClassFixture<ProvidersServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Fact]
    [Trait("Rule", "P3")]
    public async Task A_forged_signature_answers_400_and_stores_nothing()
    {
        var body = WebhookSigner.StripeEvent("payment_intent.succeeded", ProviderStub.Fixture("payment_intent"));
        var forged = WebhookSigner.StripeSignature(body, secret: "whsec_someone_else");
        await Problem(await PostStripeAsync(body, forged), HttpStatusCode.BadRequest, "webhook_signature_invalid");
        await Problem(await PostStripeAsync(body, null), HttpStatusCode.BadRequest, "webhook_signature_invalid");
        await Problem(await PostStripeAsync(body.Replace("succeeded", "canceled", StringComparison.Ordinal), WebhookSigner.StripeSignature(body)), HttpStatusCode.BadRequest, "webhook_signature_invalid");

        var inbox = server.Services.GetRequiredService<Billing.Infra.Storage.WebhookInbox>();
        var id = JsonNode.Parse(body)!["id"]!.GetValue<string>();
        Assert.Null(await inbox.ReadBodyAsync(Billing.Core.Payments.PaymentProvider.Stripe, id, default));
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task A_stale_signature_answers_400_and_a_signature_among_several_v1_values_is_accepted()
    {
        var body = WebhookSigner.StripeEvent("customer.created", ProviderStub.Fixture("customer"));
        await Problem(await PostStripeAsync(body, WebhookSigner.StripeSignature(body, DateTimeOffset.UtcNow.AddMinutes(-6))), HttpStatusCode.BadRequest, "webhook_signature_invalid");

        var rolled = WebhookSigner.StripeSignature(body, extraSignatures: "0000000000000000000000000000000000000000000000000000000000000000");
        var answer = await Ok(await PostStripeAsync(body, rolled));
        Assert.Equal("recorded", answer.GetProperty("outcome").GetString()); // a type billing does not act on: kept, answered 200
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task Each_event_is_recorded_once_with_its_raw_body_and_a_duplicate_answers_200_and_changes_nothing()
    {
        var (space, owner, invoiceId, intent) = await OpenInvoiceAsync();
        var body = WebhookSigner.StripeEvent("payment_intent.succeeded", intent);

        Assert.Equal("applied", (await Ok(await PostStripeAsync(body, WebhookSigner.StripeSignature(body)))).GetProperty("outcome").GetString());
        var audit = await AuditCountAsync(space, owner);
        Assert.Equal("duplicate", (await Ok(await PostStripeAsync(body, WebhookSigner.StripeSignature(body)))).GetProperty("outcome").GetString());
        Assert.Equal(audit, await AuditCountAsync(space, owner));

        var invoice = await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"));
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        Assert.False(invoice.TryGetProperty("paymentConfirmation", out var left) && left.ValueKind != JsonValueKind.Null); // nothing left to confirm
        var kept = await server.Services.GetRequiredService<Billing.Infra.Storage.WebhookInbox>()
            .ReadBodyAsync(Billing.Core.Payments.PaymentProvider.Stripe, JsonNode.Parse(body)!["id"]!.GetValue<string>(), default);
        Assert.Equal(body, kept);
        // The confirmation request, then the paid invoice, to the billing owner (B4).
        Assert.Equal(2, (await _inbox.ToAsync($"{owner}@example.test", 2)).Count);
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task An_event_delivered_eight_times_at_once_is_applied_once_and_the_others_answer_duplicate()
    {
        var (space, owner, invoiceId, intent) = await OpenInvoiceAsync();
        var body = WebhookSigner.StripeEvent("payment_intent.succeeded", intent);
        var eventId = JsonNode.Parse(body)!["id"]!.GetValue<string>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            (await Ok(await PostStripeAsync(body, WebhookSigner.StripeSignature(body)))).GetProperty("outcome").GetString()));

        Assert.Single(answers, a => a == "applied");
        Assert.Equal(7, answers.Count(a => a == "duplicate"));
        Assert.Equal("paid", (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());
        // One application's audit records, each once: the mark written with the change stopped every other write.
        var audit = (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("requestId").GetString() == $"webhook:stripe:{eventId}")
            .Select(a => a.GetProperty("action").GetString())
            .ToList();
        Assert.NotEmpty(audit);
        Assert.Equal(audit.Count, audit.Distinct().Count());
        // The confirmation request, then the paid invoice: the receipt once.
        Assert.Equal(2, (await _inbox.ToAsync($"{owner}@example.test", 2)).Count);
        await Task.Delay(500);
        Assert.Equal(2, (await _inbox.ToAsync($"{owner}@example.test", 2)).Count);
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task An_event_recorded_by_a_delivery_that_died_before_applying_it_is_applied_by_the_providers_next_delivery_once()
    {
        var (space, owner, invoiceId, intent) = await OpenInvoiceAsync();
        var body = WebhookSigner.StripeEvent("payment_intent.succeeded", intent);
        var eventId = JsonNode.Parse(body)!["id"]!.GetValue<string>();
        // The first delivery kept the body and the row, then the process died: nothing applied.
        var inbox = server.Services.GetRequiredService<Billing.Infra.Storage.WebhookInbox>();
        Assert.False(await inbox.RecordAsync(Billing.Core.Payments.PaymentProvider.Stripe, eventId, "payment_intent.succeeded", body, DateTimeOffset.UtcNow, default));
        Assert.NotEqual("paid", (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());

        Assert.Equal("applied", (await Ok(await PostStripeAsync(body, WebhookSigner.StripeSignature(body)))).GetProperty("outcome").GetString());
        Assert.Equal("paid", (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());
        var audit = await AuditCountAsync(space, owner);
        Assert.Equal("duplicate", (await Ok(await PostStripeAsync(body, WebhookSigner.StripeSignature(body)))).GetProperty("outcome").GetString());
        Assert.Equal(audit, await AuditCountAsync(space, owner));
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task Events_out_of_order_never_move_an_invoice_backwards()
    {
        var (space, owner, invoiceId, intent) = await OpenInvoiceAsync();
        var succeeded = WebhookSigner.StripeEvent("payment_intent.succeeded", intent);
        var failedIntent = intent.DeepClone().AsObject();
        failedIntent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined" };
        var failed = WebhookSigner.StripeEvent("payment_intent.payment_failed", failedIntent);
        var requiresAction = WebhookSigner.StripeEvent("payment_intent.requires_action", intent);

        await Ok(await PostStripeAsync(succeeded, WebhookSigner.StripeSignature(succeeded)));
        await Ok(await PostStripeAsync(failed, WebhookSigner.StripeSignature(failed)));
        await Ok(await PostStripeAsync(requiresAction, WebhookSigner.StripeSignature(requiresAction)));

        var invoice = await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"));
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        Assert.Equal("active", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task A_refund_and_a_dispute_made_at_Stripe_are_applied_from_the_charge_and_dispute_objects()
    {
        var (space, owner, invoiceId, intent) = await OpenInvoiceAsync();
        var succeeded = WebhookSigner.StripeEvent("payment_intent.succeeded", intent);
        await Ok(await PostStripeAsync(succeeded, WebhookSigner.StripeSignature(succeeded)));

        // Stripe's example charge and dispute, pointing at the PaymentIntent: the charge is found by asking Stripe for it.
        var charge = ProviderStub.Fixture("charge");
        charge["payment_intent"] = intent["id"]!.DeepClone();
        charge["metadata"] = new JsonObject();
        charge["refunded"] = true;
        // Refunded in Stripe's dashboard: one refund of all of it, which no credit note here made.
        var refund = ProviderStub.Fixture("refund");
        refund["amount"] = intent["amount"]!.DeepClone();
        refund["currency"] = intent["currency"]!.DeepClone();
        charge["refunds"]!["data"] = new JsonArray(refund);
        var refunded = WebhookSigner.StripeEvent("charge.refunded", charge);
        await Ok(await PostStripeAsync(refunded, WebhookSigner.StripeSignature(refunded)));
        var dispute = ProviderStub.Fixture("dispute");
        dispute["payment_intent"] = intent["id"]!.DeepClone();
        dispute["reason"] = "fraudulent";
        var disputed = WebhookSigner.StripeEvent("charge.dispute.created", dispute);
        await Ok(await PostStripeAsync(disputed, WebhookSigner.StripeSignature(disputed)));

        var invoice = await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"));
        Assert.Equal("refunded", invoice.GetProperty("status").GetString());
        var actions = (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("invoice_refunded", actions);
        Assert.Contains("payment_disputed", actions);
        Assert.Single((await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "credit_note");
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task A_signed_event_whose_id_the_store_cannot_key_answers_400_and_stores_nothing()
    {
        var body = JsonNode.Parse(WebhookSigner.StripeEvent("customer.created", ProviderStub.Fixture("customer")))!.AsObject();
        var id = "evt_" + new string('x', 600);
        body["id"] = id;
        var raw = body.ToJsonString();

        await Problem(await PostStripeAsync(raw, WebhookSigner.StripeSignature(raw)), HttpStatusCode.BadRequest, "invalid_request");

        var inbox = server.Services.GetRequiredService<Billing.Infra.Storage.WebhookInbox>();
        Assert.Null(await inbox.ReadBodyAsync(Billing.Core.Payments.PaymentProvider.Stripe, id, default));
    }

    [Fact]
    [Trait("Rule", "P3")]
    [Trait("Rule", "I1")]
    public async Task A_Stripe_payment_event_naming_an_invoice_paid_by_bank_transfer_changes_nothing()
    {
        var space = await _api.WorkspaceAsync(extraMembers: 17);
        await _api.UpgradeAsync(space, UpgradeBody(cycle: "annual", seats: 20, provider: "invoice"), _api.Sales);
        var invoiceId = (await _api.InvoicesAsync(space)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var audit = await AuditCountAsync(space, Owner);
        var intent = ProviderStub.Fixture("payment_intent");
        intent["id"] = "pi_someone_elses";
        intent["status"] = "succeeded";
        intent["metadata"] = new JsonObject { ["space_id"] = space, ["invoice_id"] = invoiceId, ["attempt"] = "1" };

        foreach (var type in new[] { "payment_intent.succeeded", "payment_intent.payment_failed" })
        {
            var body = WebhookSigner.StripeEvent(type, intent);
            await Ok(await PostStripeAsync(body, WebhookSigner.StripeSignature(body)));
        }

        var invoice = await Ok(await _api.As(Owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"));
        Assert.Equal("open", invoice.GetProperty("status").GetString());
        Assert.Equal("active", (await _api.BillingAsync(space)).GetProperty("status").GetString());
        Assert.Equal(audit, await AuditCountAsync(space, Owner));
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task Events_about_objects_this_app_does_not_know_are_recorded_and_answered_200()
    {
        var stranger = ProviderStub.Fixture("payment_intent");
        stranger["id"] = "pi_from_another_integration";
        stranger["metadata"] = new JsonObject { ["space_id"] = "no-such-space", ["invoice_id"] = "no-such-invoice" };
        var body = WebhookSigner.StripeEvent("payment_intent.succeeded", stranger);
        Assert.Equal("recorded", (await Ok(await PostStripeAsync(body, WebhookSigner.StripeSignature(body)))).GetProperty("outcome").GetString());

        var paypal = WebhookSigner.PayPalEvent("PAYMENT.CAPTURE.COMPLETED", new JsonObject { ["id"] = "0KB43", ["status"] = "COMPLETED", ["custom_id"] = "no-such-space|no-such-invoice|1" });
        Assert.Equal("recorded", (await Ok(await PostPayPalAsync(paypal, WebhookSigner.PayPalHeaders(paypal, server.Stub)))).GetProperty("outcome").GetString());
    }

    [Fact]
    [Trait("Rule", "P2")]
    public async Task A_card_updated_at_Stripe_updates_the_summary_and_a_detached_card_tells_the_billing_owner()
    {
        var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
        await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider = "stripe" });
        await _api.UpgradeAsync(space, UpgradeBody(owner: owner, provider: "stripe", token: ProviderStub.StripeCard), _api.As(owner));
        var customer = server.Stub.StripeSetupIntents.Single(i => i["metadata"]?["space_id"]?.GetValue<string>() == space)["customer"]!.GetValue<string>();

        var method = ProviderStub.Fixture("payment_method");
        method["id"] = ProviderStub.StripeCard;
        method["customer"] = customer;
        method["card"]!["brand"] = "visa";
        method["card"]!["last4"] = "4242";
        method["card"]!["exp_month"] = 1;
        method["card"]!["exp_year"] = 2033;
        var updated = WebhookSigner.StripeEvent("payment_method.automatically_updated", method);
        await Ok(await PostStripeAsync(updated, WebhookSigner.StripeSignature(updated)));
        Assert.Equal(2033, (await _api.BillingAsync(space, owner)).GetProperty("paymentMethod").GetProperty("expiryYear").GetInt32());

        method["customer"] = null;
        var detached = WebhookSigner.StripeEvent("payment_method.detached", method, new JsonObject { ["customer"] = customer });
        Assert.Equal("applied", (await Ok(await PostStripeAsync(detached, WebhookSigner.StripeSignature(detached)))).GetProperty("outcome").GetString());
        Assert.Contains(await _inbox.ToAsync($"{owner}@example.test", 2), m => m.GetProperty("subject").GetString()!.Contains("removed", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task A_PayPal_event_signed_with_PayPals_certificate_is_applied_and_a_bad_signature_or_foreign_certificate_is_refused()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("paypal", ProviderStub.PayPalAccount);
        var invoiceId = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var total = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("total");
        var capture = new JsonObject
        {
            ["id"] = "2GG279541U471931P",
            ["status"] = "COMPLETED",
            ["custom_id"] = $"{space}|{invoiceId}|1",
            ["amount"] = new JsonObject { ["currency_code"] = total.GetProperty("currency").GetString(), ["value"] = (total.GetProperty("amount").GetInt64() / 100m).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) },
        };

        var refund = WebhookSigner.PayPalEvent("PAYMENT.CAPTURE.REFUNDED", capture);
        var tampered = WebhookSigner.PayPalHeaders(refund, server.Stub);
        await Problem(await PostPayPalAsync(refund.Replace("REFUNDED", "COMPLETED", StringComparison.Ordinal), tampered), HttpStatusCode.BadRequest, "webhook_signature_invalid");
        await Problem(await PostPayPalAsync(refund, WebhookSigner.PayPalHeaders(refund, server.Stub, certificateUrl: new Uri("https://evil.example.com/cert.pem"))), HttpStatusCode.BadRequest, "webhook_signature_invalid");
        await Problem(await PostPayPalAsync(refund, WebhookSigner.PayPalHeaders(refund, server.Stub, at: DateTimeOffset.UtcNow.AddMinutes(-10))), HttpStatusCode.BadRequest, "webhook_signature_invalid");
        await Problem(await PostPayPalAsync(refund, WebhookSigner.PayPalHeaders(refund, server.Stub, webhookId: "WH-OTHER")), HttpStatusCode.BadRequest, "webhook_signature_invalid");
        Assert.Equal("paid", (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());

        Assert.Equal("applied", (await Ok(await PostPayPalAsync(refund, WebhookSigner.PayPalHeaders(refund, server.Stub)))).GetProperty("outcome").GetString());
        Assert.Equal("refunded", (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoiceId}"))).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await Ok(await PostPayPalAsync(refund, WebhookSigner.PayPalHeaders(refund, server.Stub)))).GetProperty("outcome").GetString());
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task A_signed_body_that_is_not_an_event_answers_400()
    {
        const string body = "{\"hello\":\"world\"}";
        await Problem(await PostStripeAsync(body, WebhookSigner.StripeSignature(body)), HttpStatusCode.BadRequest, "invalid_request");
        const string notJson = "not json";
        await Problem(await PostStripeAsync(notJson, WebhookSigner.StripeSignature(notJson)), HttpStatusCode.BadRequest, "invalid_request");
    }

    public void Dispose() => _inbox.Dispose();

    private async Task<int> AuditCountAsync(string space, string owner) =>
        (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").GetArrayLength();

    /// <summary>A space upgraded with a card that needs authentication: its invoice is open, and the PaymentIntent is Stripe's.</summary>
    private async Task<(string Space, string Owner, string InvoiceId, JsonObject Intent)> OpenInvoiceAsync()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("stripe", ProviderStub.StripeNeedsAuthentication);
        var invoiceId = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var intent = server.Stub.StripeIntents.Single(i => i["metadata"]?["space_id"]?.GetValue<string>() == space).DeepClone().AsObject();
        intent["status"] = "succeeded";
        return (space, owner, invoiceId, intent);
    }

    private async Task<HttpResponseMessage> PostStripeAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await server.Anonymous.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostPayPalAsync(string body, Dictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/paypal") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await server.Anonymous.SendAsync(request);
    }
}
