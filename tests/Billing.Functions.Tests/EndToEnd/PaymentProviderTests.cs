using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Payments;
using Billing.Functions.Tests.Support;
using Billing.Infra.Payments;
using Microsoft.Extensions.DependencyInjection;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>Stripe (Stripe.net) and PayPal (HttpClient) end to end, against a stub that answers like them.</summary>
public sealed class PaymentProviderTests(ProvidersServerFixture server) : IClassFixture<ProvidersServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    private ProviderStub Stub => server.Stub;

    [Fact]
    [Trait("Rule", "P2")]
    public async Task Saving_a_card_starts_a_SetupIntent_for_one_Stripe_customer_per_billing_account()
    {
        var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
        var first = await Ok(await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider = "stripe" }));
        var second = await Ok(await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider = "stripe" }));

        Assert.Matches("^seti_[0-9]+_secret_test$", first.GetProperty("clientSecret").GetString());
        Assert.NotEqual(first.GetProperty("clientSecret").GetString(), second.GetProperty("clientSecret").GetString());
        var setups = Stub.StripeSetupIntents.Where(i => i["metadata"]?["space_id"]?.GetValue<string>() == space).ToList();
        Assert.Equal(2, setups.Count);
        Assert.Single(setups.Select(i => i["customer"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task An_upgrade_with_a_card_charges_an_off_session_PaymentIntent_keyed_by_the_invoice_and_keeps_only_the_summary()
    {
        var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
        await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider = "stripe" });
        await _api.UpgradeAsync(space, UpgradeBody(owner: owner, provider: "stripe", token: ProviderStub.StripeCard), _api.As(owner));

        var method = (await _api.BillingAsync(space, owner)).GetProperty("paymentMethod");
        Assert.Equal(("stripe", "visa", "4242", 8, 2031), (method.GetProperty("provider").GetString(), method.GetProperty("brand").GetString(),
            method.GetProperty("last4").GetString(), method.GetProperty("expiryMonth").GetInt32(), method.GetProperty("expiryYear").GetInt32()));
        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        Assert.Equal("paid", invoice.GetProperty("status").GetString());

        var intent = Assert.Single(Stub.StripeIntents, i => i["metadata"]?["space_id"]?.GetValue<string>() == space);
        Assert.Equal(invoice.GetProperty("id").GetString(), intent["metadata"]!["invoice_id"]!.GetValue<string>());
        Assert.Equal(invoice.GetProperty("total").GetProperty("amount").GetInt64(), intent["amount"]!.GetValue<long>());
        Assert.StartsWith("cus_", intent["customer"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"charge:{space}:{invoice.GetProperty("id").GetString()}:1", Stub.StripeIdempotencyKeys);
    }

    [Fact]
    [Trait("Rule", "R3")]
    public async Task A_declined_card_answers_402_and_changes_nothing()
    {
        var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
        var response = await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(owner: owner, provider: "stripe", token: ProviderStub.StripeDeclined));
        await Problem(response, HttpStatusCode.PaymentRequired, "payment_failed");
        Assert.Equal("basic", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task A_card_that_needs_authentication_leaves_the_invoice_open_and_emails_a_link_to_confirm()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("stripe", ProviderStub.StripeNeedsAuthentication);

        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        Assert.Equal("open", invoice.GetProperty("status").GetString());
        var mail = Assert.Single(await _inbox.ToAsync($"{owner}@example.test"));
        Assert.Contains($"https://app.example.test/billing/{space}/invoices/{invoice.GetProperty("id").GetString()}", mail.GetProperty("text").GetString(), StringComparison.Ordinal);

        // The invoice page gets what Stripe.js needs to confirm, fetched live for the billing owner only.
        var intent = Assert.Single(Stub.StripeIntents, i => i["metadata"]?["space_id"]?.GetValue<string>() == space);
        var shown = await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoice.GetProperty("id").GetString()}"));
        var confirmation = shown.GetProperty("paymentConfirmation");
        Assert.Equal(("stripe", intent["client_secret"]!.GetValue<string>()), (confirmation.GetProperty("provider").GetString(), confirmation.GetProperty("clientSecret").GetString()));
        await Problem(await _api.As(Colleague).GetAsync($"/api/spaces/{space}/invoices/{invoice.GetProperty("id").GetString()}"), HttpStatusCode.Forbidden, "not_billing_owner");
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_Stripe_that_answers_too_late_is_asked_again_with_the_same_key_and_charges_once()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("stripe", ProviderStub.StripeSlow);

        var intent = Assert.Single(Stub.StripeIntents, i => i["metadata"]?["space_id"]?.GetValue<string>() == space);
        Assert.Equal("succeeded", intent["status"]!.GetValue<string>());
        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        // The first answer came after the 1 s timeout: Stripe.net asked again with the same key, and got the same PaymentIntent.
        Assert.True(Stub.RequestsWith($"charge:{space}:{invoice.GetProperty("id").GetString()}:1") >= 2);
    }

    [Fact]
    [Trait("Rule", "P1")]
    public async Task Saving_a_PayPal_account_returns_a_setup_token_and_approval_link_then_vaults_it_on_upgrade()
    {
        var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
        var setup = await Ok(await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider = "paypal" }));
        var setupToken = setup.GetProperty("setupToken").GetString()!;
        Assert.StartsWith("https://www.sandbox.paypal.com/agreements/approve", setup.GetProperty("approvalUrl").GetString(), StringComparison.Ordinal);

        await _api.UpgradeAsync(space, UpgradeBody(owner: owner, provider: "paypal", token: setupToken), _api.As(owner));
        var method = (await _api.BillingAsync(space, owner)).GetProperty("paymentMethod");
        Assert.Equal(("paypal", "payer@example.com"), (method.GetProperty("provider").GetString(), method.GetProperty("email").GetString()));
        Assert.False(method.TryGetProperty("token", out _)); // P2: the token stays in storage, never shown

        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        var capture = Assert.Single(Stub.PayPalCaptures, c => c.CustomId.StartsWith(space + "|", StringComparison.Ordinal));
        Assert.Equal($"charge:{space}:{invoice.GetProperty("id").GetString()}:1", capture.RequestId);
        Assert.True(Stub.PayPalTokenRequests <= 2, "the OAuth token is cached, not asked for each call");
    }

    [Fact]
    [Trait("Rule", "R3")]
    public async Task A_declined_PayPal_account_answers_402()
    {
        var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
        var response = await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(owner: owner, provider: "paypal", token: ProviderStub.PayPalDeclined));
        await Problem(response, HttpStatusCode.PaymentRequired, "payment_failed");
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_transient_PayPal_failure_is_retried_with_the_same_request_id_and_captures_once()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync("paypal", ProviderStub.PayPalFlaky);
        var capture = Assert.Single(Stub.PayPalCaptures, c => c.CustomId.StartsWith(space + "|", StringComparison.Ordinal));
        Assert.Equal(2, Stub.RequestsWith(capture.RequestId)); // the 503, then the retry under the same PayPal-Request-Id
        Assert.Equal("paid", (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Rule", "P1")]
    public async Task Switching_between_card_and_PayPal_between_two_renewals_charges_each_renewal_with_the_method_then_saved()
    {
        var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
        await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider = "stripe" });
        await _api.UpgradeAsync(space, UpgradeBody(owner: owner, provider: "stripe", token: ProviderStub.StripeCard), _api.As(owner));
        await Ok(await _api.As(owner).PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "paypal", token = ProviderStub.PayPalAccount }));

        var renewsAt = (await _api.BillingAsync(space, owner)).GetProperty("renewsAt").GetDateTimeOffset();
        await _api.SetClockAsync(renewsAt.AddMinutes(1));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        Assert.Single(Stub.PayPalCaptures, c => c.CustomId.StartsWith(space + "|", StringComparison.Ordinal));
        Assert.Single(Stub.StripeIntents, i => i["metadata"]?["space_id"]?.GetValue<string>() == space);

        await Ok(await _api.As(owner).PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "stripe", token = ProviderStub.StripeCard }));
        renewsAt = (await _api.BillingAsync(space, owner)).GetProperty("renewsAt").GetDateTimeOffset();
        await _api.SetClockAsync(renewsAt.AddMinutes(1));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        Assert.Equal(2, Stub.StripeIntents.Count(i => i["metadata"]?["space_id"]?.GetValue<string>() == space));
        Assert.Single(Stub.PayPalCaptures, c => c.CustomId.StartsWith(space + "|", StringComparison.Ordinal));

        var statuses = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString());
        Assert.All(statuses, s => Assert.Equal("paid", s));
    }

    [Fact]
    [Trait("Rule", "P1")]
    public async Task A_token_the_provider_does_not_know_answers_402_payment_method_missing()
    {
        var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
        var response = await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", UpgradeBody(owner: owner, provider: "stripe", token: "pm_unknown"));
        await Problem(response, HttpStatusCode.PaymentRequired, "payment_method_missing");
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_refund_finds_the_payment_by_replaying_the_charge_key_and_refunds_it_once_at_Stripe_and_PayPal()
    {
        foreach (var (provider, token) in new[] { ("stripe", ProviderStub.StripeCard), ("paypal", ProviderStub.PayPalAccount) })
        {
            var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
            await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider });
            await _api.UpgradeAsync(space, UpgradeBody(owner: owner, provider: provider, token: token), _api.As(owner));
            var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
            var gateways = server.Services.GetRequiredService<PaymentGateways>();
            var method = await gateways.For(provider == "stripe" ? PaymentProvider.Stripe : PaymentProvider.PayPal)!.ResolveAsync(token, default);
            var invoiceId = InvoiceId.Parse(invoice.GetProperty("id").GetString()!);
            var charge = Charge.For(SpaceId.Parse(space), invoiceId, Money.Of(invoice.GetProperty("total").GetProperty("amount").GetInt64(), Currency.Parse(invoice.GetProperty("total").GetProperty("currency").GetString()!)),
                method!, attempt: 1);

            await gateways.For(method!.Provider)!.RefundAsync(charge, default);
            await gateways.For(method.Provider)!.RefundAsync(charge, default);

            if (provider == "stripe")
            {
                var intent = Assert.Single(Stub.StripeIntents, i => i["metadata"]?["space_id"]?.GetValue<string>() == space);
                Assert.Single(Stub.StripeRefundedIntents, r => r == intent["id"]!.GetValue<string>()); // the second refund is replayed by its key
            }
            else
            {
                Assert.Single(Stub.PayPalCaptures, c => c.CustomId.StartsWith(space + "|", StringComparison.Ordinal));
                Assert.Single(Stub.PayPalRefundedCaptures.Distinct());
            }
        }
    }

    public void Dispose() => _inbox.Dispose();
}
