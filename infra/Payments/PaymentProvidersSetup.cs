using Billing.Infra.Configuration;
using Billing.Infra.Payments.PayPal;
using Billing.Infra.Payments.Stripe;
using Billing.Infra.Payments.Webhooks;
using Billing.Infra.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Stripe;

namespace Billing.Infra.Payments;

/// <summary>Stripe when <c>Stripe__SecretKey</c> is set, PayPal when <c>PayPal__ClientId</c> and <c>PayPal__ClientSecret</c> are.</summary>
public static class PaymentProvidersSetup
{
    public const string StripeHttpClient = "stripe";
    public const string PayPalCertificatesHttpClient = "paypal-certificates";

    public static IServiceCollection AddPaymentProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section));
        services.AddOptions<PayPalOptions>().Bind(configuration.GetSection(PayPalOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StripeOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PayPalOptions>>().Value);

        var stripe = configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new StripeOptions();
        if (!stripe.ApiBase.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"Stripe__ApiBase must be an absolute URL, not '{stripe.ApiBase}'.");
        }

        var rates = configuration.GetSection(PaymentsOptions.Section).Get<PaymentsOptions>() ?? new PaymentsOptions();
        if (stripe.Enabled)
        {
            // Stripe.net retries network failures itself, with the request's idempotency key; below it, a 429 is
            // retried with backoff and every attempt waits for a permit of the instance's rate.
            var rate = new ProviderRateLimit(rates.Stripe, "Payments__Stripe__MaxRequestsPerSecond");
            var client = services.AddHttpClient(StripeHttpClient, http => http.Timeout = stripe.Timeout);
            client.AddResilienceHandler("stripe-rate-limit", pipeline => pipeline.AddRetry(ProviderRateLimit.RetryTooManyRequests(5, TimeSpan.FromMilliseconds(500))));
            client.AddHttpMessageHandler(rate.Handler);
            services.AddSingleton(sp => new StripeClient(
                stripe.SecretKey,
                httpClient: new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripeHttpClient), maxNetworkRetries: 2),
                apiBase: stripe.ApiBase.ToString().TrimEnd('/')));
            services.AddSingleton<StripeGateway>();
            services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<StripeGateway>());
            services.AddSingleton<IChargeLookup>(sp => sp.GetRequiredService<StripeGateway>());
        }

        var paypal = configuration.GetSection(PayPalOptions.Section).Get<PayPalOptions>() ?? new PayPalOptions();
        if (!paypal.ApiBase.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"PayPal__ApiBase must be an absolute URL, not '{paypal.ApiBase}'.");
        }

        if (paypal.Enabled)
        {
            // The standard handler retries PayPal's 429 (RATE_LIMIT_REACHED) with backoff, jitter and Retry-After;
            // inside it, every attempt waits for a permit of the instance's rate.
            var rate = new ProviderRateLimit(rates.PayPal, "Payments__PayPal__MaxRequestsPerSecond");
            var client = services.AddHttpClient(PayPalClient.HttpClientName, http => http.BaseAddress = new Uri(paypal.ApiBase.ToString().TrimEnd('/') + "/"));
            client.AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = paypal.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = paypal.AttemptTimeout * 4;
                resilience.CircuitBreaker.SamplingDuration = paypal.AttemptTimeout * 2;
            });
            client.AddHttpMessageHandler(rate.Handler);
            // The access token is cached in the client, so there is one; its HttpClients come from the factory per call.
            services.AddSingleton(sp => new PayPalClient(sp.GetRequiredService<IHttpClientFactory>(), paypal, TimeProvider.System));
            services.AddSingleton<PayPalGateway>();
            services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<PayPalGateway>());
            services.AddSingleton<IChargeLookup>(sp => sp.GetRequiredService<PayPalGateway>());
            services.AddHttpClient(PayPalCertificatesHttpClient, client => client.Timeout = TimeSpan.FromSeconds(10));
            services.AddSingleton(sp => new PayPalSignature(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(PayPalCertificatesHttpClient), paypal.ApiBase, TimeProvider.System));
        }

        return services;
    }
}
