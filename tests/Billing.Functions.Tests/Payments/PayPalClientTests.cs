using System.Net;
using Billing.Functions.Tests.Support;
using Billing.Infra.Configuration;
using Billing.Infra.Payments.PayPal;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Payments;

/// <summary>
/// The typed PayPal client against the local PayPal stub, over a real HttpClient: one test per call
/// (P1, P2: only tokens and summaries come back), and PayPal's error answer read as a <see cref="PayPalException"/>.
/// </summary>
public sealed class PayPalClientTests : IDisposable
{
    private readonly ProviderStub _stub = new();
    private readonly ServiceProvider _services;
    private readonly PayPalClient _client;

    public PayPalClientTests()
    {
        _services = new ServiceCollection()
            .AddHttpClient(PayPalClient.HttpClientName, client => client.BaseAddress = _stub.BaseAddress)
            .Services.BuildServiceProvider();
        var options = new PayPalOptions { ClientId = ProviderStub.PayPalClientId, ClientSecret = ProviderStub.PayPalClientSecret, ApiBase = _stub.BaseAddress };
        _client = new PayPalClient(_services.GetRequiredService<IHttpClientFactory>(), options, TimeProvider.System);
    }

    public void Dispose()
    {
        _client.Dispose();
        _services.Dispose();
        _stub.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    [Trait("Rule", "P2")]
    public async Task A_setup_token_comes_back_with_the_link_where_the_payer_approves_it()
    {
        var key = $"setup-{Guid.NewGuid():N}";
        var setup = await _client.CreateSetupTokenAsync(
            new SetupTokenRequest(
                new PaymentSourceRequest(new PayPalSourceRequest(ExperienceContext: new ExperienceContext("https://app.test/back", "https://app.test/cancel"))),
                new CustomerRequest("space-1")),
            key,
            CancellationToken.None);

        Assert.StartsWith("SETUP_", setup.Id, StringComparison.Ordinal);
        Assert.Contains(setup.Links!, l => l.Rel == "approve");
        Assert.Equal(1, _stub.RequestsWith(key));
    }

    [Fact]
    [Trait("Rule", "P2")]
    public async Task A_saved_payment_token_reads_back_with_the_payers_email_only()
    {
        var token = await _client.GetPaymentTokenAsync(ProviderStub.PayPalAccount, CancellationToken.None);

        Assert.Equal(ProviderStub.PayPalAccount, token.Id);
        Assert.Equal("payer@example.com", token.PaymentSource?.Paypal?.EmailAddress);
    }

    [Fact]
    [Trait("Rule", "P2")]
    public async Task An_approved_setup_token_becomes_a_payment_token_once_per_request_id()
    {
        var setup = await _client.CreateSetupTokenAsync(
            new SetupTokenRequest(new PaymentSourceRequest(new PayPalSourceRequest()), new CustomerRequest("space-1")), $"setup-{Guid.NewGuid():N}", CancellationToken.None);
        var key = $"vault-{Guid.NewGuid():N}";

        var saved = await _client.CreatePaymentTokenAsync(new PaymentTokenRequest(new PaymentSourceRequest(Token: new TokenReference(setup.Id, "SETUP_TOKEN"))), key, CancellationToken.None);
        var again = await _client.CreatePaymentTokenAsync(new PaymentTokenRequest(new PaymentSourceRequest(Token: new TokenReference(setup.Id, "SETUP_TOKEN"))), key, CancellationToken.None);

        Assert.Equal(saved.Id, again.Id);
        Assert.Equal(saved.Id, (await _client.GetPaymentTokenAsync(saved.Id, CancellationToken.None)).Id);
    }

    [Fact]
    [Trait("Rule", "P1")]
    public async Task An_order_on_a_saved_account_is_captured_and_a_repeated_request_id_answers_the_same_order()
    {
        var key = $"order-{Guid.NewGuid():N}";

        var order = await _client.CreateOrderAsync(Order(ProviderStub.PayPalAccount), key, CancellationToken.None);
        var repeated = await _client.CreateOrderAsync(Order(ProviderStub.PayPalAccount), key, CancellationToken.None);

        Assert.Equal("COMPLETED", order.Status);
        Assert.Equal("COMPLETED", order.Capture?.Status);
        Assert.Equal(order.Id, repeated.Id);
        Assert.Single(_stub.PayPalCaptures, c => c.RequestId == key);
    }

    [Fact]
    [Trait("Rule", "P3")]
    public async Task An_order_reads_back_by_its_id()
    {
        var order = await _client.CreateOrderAsync(Order(ProviderStub.PayPalAccount), $"order-{Guid.NewGuid():N}", CancellationToken.None);

        var read = await _client.GetOrderAsync(order.Id, CancellationToken.None);

        Assert.Equal((order.Id, order.Capture?.Id), (read.Id, read.Capture?.Id));
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_capture_is_refunded_once_per_request_id()
    {
        var order = await _client.CreateOrderAsync(Order(ProviderStub.PayPalAccount), $"order-{Guid.NewGuid():N}", CancellationToken.None);
        var key = $"refund-{Guid.NewGuid():N}";

        var refund = await _client.RefundCaptureAsync(order.Capture!.Id, new RefundRequest("space-1|inv-1|1"), key, CancellationToken.None);
        await _client.RefundCaptureAsync(order.Capture!.Id, new RefundRequest("space-1|inv-1|1"), key, CancellationToken.None);

        Assert.Equal("COMPLETED", refund.Status);
        Assert.Single(_stub.PayPalRefundedCaptures, c => c == order.Capture.Id);
    }

    [Fact]
    [Trait("Rule", "P1")]
    public async Task PayPals_error_answer_is_a_PayPalException_with_its_status_name_and_issue()
    {
        var missing = await Assert.ThrowsAsync<PayPalException>(() => _client.GetPaymentTokenAsync("no-such-token", CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID"), (missing.Error?.Name, missing.Error?.Issue));

        var declined = await Assert.ThrowsAsync<PayPalException>(() => _client.CreateOrderAsync(Order(ProviderStub.PayPalDeclined), $"order-{Guid.NewGuid():N}", CancellationToken.None));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, declined.StatusCode);
        Assert.Equal("INSTRUMENT_DECLINED", declined.Error?.Issue);
    }

    [Fact]
    [Trait("Rule", "P1")]
    public async Task The_access_token_is_asked_for_once_and_kept_across_calls()
    {
        await _client.GetPaymentTokenAsync(ProviderStub.PayPalAccount, CancellationToken.None);
        await _client.GetPaymentTokenAsync(ProviderStub.PayPalAccount, CancellationToken.None);

        Assert.Equal(1, _stub.PayPalTokenRequests);
    }

    private static OrderRequest Order(string vaultId) => new(
        "CAPTURE",
        [new PurchaseUnitRequest("inv-1", "space-1|inv-1|1", "Invoice inv-1", new AmountRequest("USD", "54.95"))],
        new PaymentSourceRequest(new PayPalSourceRequest(VaultId: vaultId, StoredCredential: new StoredCredential("MERCHANT", "SUBSEQUENT", "SUBSCRIPTION_POSTPAID"))));
}
