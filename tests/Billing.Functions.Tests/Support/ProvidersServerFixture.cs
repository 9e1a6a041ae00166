namespace Billing.Functions.Tests.Support;

/// <summary>The server with Stripe and PayPal enabled, both pointed at a <see cref="ProviderStub"/>; the sandbox stays on too.</summary>
public class ProvidersServerFixture : BillingServerFixture, IAsyncDisposable
{
    public ProviderStub Stub { get; } = new();

    protected override string[] Arguments =>
    [
        .. Settings(),
        "--Stripe:SecretKey=sk_test_stub",
        $"--Stripe:WebhookSecret={WebhookSigner.StripeSecret}",
        $"--Stripe:ApiBase={Stub.BaseAddress}",
        "--Stripe:Timeout=00:00:01",
        $"--PayPal:ClientId={ProviderStub.PayPalClientId}",
        $"--PayPal:ClientSecret={ProviderStub.PayPalClientSecret}",
        $"--PayPal:WebhookId={WebhookSigner.PayPalWebhookId}",
        $"--PayPal:ApiBase={Stub.BaseAddress}",
        "--PayPal:AttemptTimeout=00:00:02",
        "--PayPal:ReturnUrl=https://app.example.test/billing",
    ];

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await Stub.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
