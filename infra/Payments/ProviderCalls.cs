using System.Net;
using Stripe;

namespace Billing.Infra.Payments;

/// <summary>Turns a provider's transport failures into <see cref="PaymentProviderUnavailableException"/>, the one failure callers answer 503 to.</summary>
internal static class ProviderCalls
{
    public static async Task<T> Guard<T>(string provider, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (StripeException e) when (e.StripeError is null || (int)e.HttpStatusCode >= 500 || e.HttpStatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new PaymentProviderUnavailableException($"{provider} did not answer.", e);
        }
        catch (HttpRequestException e) when (e.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)e.StatusCode >= 500)
        {
            throw new PaymentProviderUnavailableException($"{provider} did not answer.", e);
        }
        catch (Exception e) when (e is TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PaymentProviderUnavailableException($"{provider} did not answer in time.", e);
        }
    }

    public static Task Guard(string provider, Func<Task> call, CancellationToken cancellationToken) => Guard(provider, async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }, cancellationToken);
}
