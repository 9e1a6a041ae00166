using System.Net;
using System.Threading.RateLimiting;
using Billing.Infra.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Billing.Infra.Payments;

/// <summary>
/// Keeps one instance's calls to a provider under <see cref="ProviderRateOptions.MaxRequestsPerSecond"/> (every
/// attempt, retries too, waits for a permit rather than being refused), and retries the provider's 429 with
/// exponential backoff and jitter, honouring <c>Retry-After</c>. Requests carry the provider's idempotency key
/// (Stripe's <c>Idempotency-Key</c>, PayPal's <c>PayPal-Request-Id</c>), so a retried charge is one charge.
/// </summary>
public sealed class ProviderRateLimit : IDisposable
{
    private readonly SlidingWindowRateLimiter _limiter;

    public ProviderRateLimit(ProviderRateOptions options, string setting)
    {
        if (options.MaxRequestsPerSecond < 1)
        {
            throw new InvalidOperationException($"{setting} must be at least 1, not {options.MaxRequestsPerSecond}.");
        }

        // Ten segments: at most the limit in any second, not only in seconds that start on a boundary.
        _limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.MaxRequestsPerSecond,
            Window = TimeSpan.FromSeconds(1),
            SegmentsPerWindow = 10,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The handler that waits for a permit before each attempt; innermost, so retries are counted.</summary>
    public DelegatingHandler Handler() => new PermitHandler(_limiter);

    /// <summary>Retries a 429 (and nothing else: the provider's own client retries what else is transient).</summary>
    public static HttpRetryStrategyOptions RetryTooManyRequests(int attempts, TimeSpan firstDelay) => new()
    {
        MaxRetryAttempts = attempts,
        Delay = firstDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(IsRetryableTooManyRequests(args.Outcome.Result)),
    };

    /// <summary>A 429, unless Stripe says this one must not be retried (<c>Stripe-Should-Retry: false</c>).</summary>
    public static bool IsRetryableTooManyRequests(HttpResponseMessage? response) =>
        response?.StatusCode == HttpStatusCode.TooManyRequests
        && !(response.Headers.TryGetValues("Stripe-Should-Retry", out var values) && values.Contains("false", StringComparer.OrdinalIgnoreCase));

    public void Dispose() => _limiter.Dispose();

    private sealed class PermitHandler(RateLimiter limiter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var permit = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
