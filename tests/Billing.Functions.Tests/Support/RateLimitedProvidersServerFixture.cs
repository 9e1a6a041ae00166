namespace Billing.Functions.Tests.Support;

/// <summary>
/// The server with Stripe and PayPal on the stub, each limited to <see cref="MaxRequestsPerSecond"/> per instance,
/// and timeouts long enough for a throttled provider's backoff.
/// </summary>
public sealed class RateLimitedProvidersServerFixture : ProvidersServerFixture
{
    public const int MaxRequestsPerSecond = 5;

    protected override string[] Arguments =>
    [
        .. base.Arguments,
        "--Stripe:Timeout=00:00:30",
        "--PayPal:AttemptTimeout=00:00:10",
        $"--Payments:Stripe:MaxRequestsPerSecond={MaxRequestsPerSecond}",
        $"--Payments:PayPal:MaxRequestsPerSecond={MaxRequestsPerSecond}",
    ];
}
