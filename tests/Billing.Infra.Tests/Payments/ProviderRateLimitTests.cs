using System.Net;
using Billing.Infra.Configuration;
using Billing.Infra.Payments;
using Billing.Infra.Payments.PayPal;

namespace Billing.Infra.Tests.Payments;

/// <summary>What counts as a provider's rate limit, and what is refused as a setting (R2: a throttled call is retried, never a failed charge).</summary>
public class ProviderRateLimitTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_rate_below_one_request_a_second_is_refused_at_start_up_naming_its_setting(int rate)
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ProviderRateLimit(new ProviderRateOptions { MaxRequestsPerSecond = rate }, "Payments__Stripe__MaxRequestsPerSecond"));
        Assert.Contains("Payments__Stripe__MaxRequestsPerSecond", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_429_is_retried_unless_stripe_says_this_one_must_not_be()
    {
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var final = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        final.Headers.Add("Stripe-Should-Retry", "false");
        using var outage = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.True(ProviderRateLimit.IsRetryableTooManyRequests(throttled));
        Assert.False(ProviderRateLimit.IsRetryableTooManyRequests(final));
        Assert.False(ProviderRateLimit.IsRetryableTooManyRequests(outage)); // the provider's own client retries its outages
        Assert.False(ProviderRateLimit.IsRetryableTooManyRequests(null));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.NotFound, true)]
    [InlineData(HttpStatusCode.UnprocessableEntity, true)]
    [InlineData(HttpStatusCode.RequestTimeout, false)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    public void PayPal_refuses_a_call_only_with_a_4xx_that_is_not_a_timeout_or_its_rate_limit(HttpStatusCode status, bool refusal)
    {
        var e = new PayPalException(status, new PayPalError("RATE_LIMIT_REACHED", "Too many requests.", null), "{}");
        Assert.Equal(refusal, e.IsRefusal);
    }
}
