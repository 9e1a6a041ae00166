using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Billing.Infra.Configuration;

namespace Billing.Infra.Payments.PayPal;

/// <summary>
/// PayPal's REST API as stripe-dotnet shapes a provider's: one method per call, typed requests and
/// answers, and a <see cref="PayPalException"/> (with PayPal's status and error) when PayPal refuses.
/// Over an <see cref="HttpClient"/> whose pipeline has the standard resilience handler (timeouts,
/// retries of transient failures only). Authenticates with OAuth client credentials; the access
/// token is cached until shortly before it expires. Every POST carries a <c>PayPal-Request-Id</c>, so
/// a retried request is answered with the first answer.
/// </summary>
public sealed class PayPalClient(IHttpClientFactory clients, PayPalOptions options, TimeProvider clock) : IDisposable
{
    public const string HttpClientName = "paypal";

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private AccessToken? _token;

    public Task<SetupToken> CreateSetupTokenAsync(SetupTokenRequest request, string requestId, CancellationToken cancellationToken) =>
        SendAsync<SetupToken>(HttpMethod.Post, "v3/vault/setup-tokens", request, requestId, cancellationToken);

    public Task<PaymentToken> GetPaymentTokenAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<PaymentToken>(HttpMethod.Get, $"v3/vault/payment-tokens/{Uri.EscapeDataString(id)}", null, null, cancellationToken);

    public Task<PaymentToken> CreatePaymentTokenAsync(PaymentTokenRequest request, string requestId, CancellationToken cancellationToken) =>
        SendAsync<PaymentToken>(HttpMethod.Post, "v3/vault/payment-tokens", request, requestId, cancellationToken);

    public Task<Order> CreateOrderAsync(OrderRequest request, string requestId, CancellationToken cancellationToken) =>
        SendAsync<Order>(HttpMethod.Post, "v2/checkout/orders", request, requestId, cancellationToken);

    public Task<Order> GetOrderAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<Order>(HttpMethod.Get, $"v2/checkout/orders/{Uri.EscapeDataString(id)}", null, null, cancellationToken);

    public Task<Capture> GetCaptureAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<Capture>(HttpMethod.Get, $"v2/payments/captures/{Uri.EscapeDataString(id)}", null, null, cancellationToken);

    public Task<Refund> RefundCaptureAsync(string captureId, RefundRequest request, string requestId, CancellationToken cancellationToken) =>
        SendAsync<Refund>(HttpMethod.Post, $"v2/payments/captures/{Uri.EscapeDataString(captureId)}/refund", request, requestId, cancellationToken);

    public void Dispose() => _tokenLock.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? requestId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken).ConfigureAwait(false));
        if (requestId is not null)
        {
            request.Headers.Add("PayPal-Request-Id", requestId);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: PayPalJson.Options);
            request.Headers.Add("Prefer", "return=representation");
        }

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            _token = null; // revoked or expired early: the next call asks for a new one
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new PayPalException(response.StatusCode, Read<PayPalError>(text), text);
        }

        return Read<T>(text) ?? throw new PayPalException(response.StatusCode, null, "PayPal answered without a body.");
    }

    private static T? Read<T>(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? default : JsonSerializer.Deserialize<T>(text, PayPalJson.Options);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && cached.ExpiresAt > clock.GetUtcNow())
        {
            return cached.Value;
        }

        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } raced && raced.ExpiresAt > clock.GetUtcNow())
            {
                return raced.Value;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/oauth2/token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(PayPalJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new HttpRequestException("PayPal answered the token request without a body.");
            // Renewed a minute early, so a token never expires in flight.
            _token = new AccessToken(answer.AccessToken, clock.GetUtcNow().AddSeconds(Math.Max(0, answer.ExpiresIn - 60)));
            return _token.Value;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

    private sealed record TokenAnswer(string AccessToken, int ExpiresIn);
}

/// <summary>PayPal refused a call: its HTTP status and, when it sent one, its error (an <see cref="HttpRequestException"/>, so outages map as for any provider).</summary>
public sealed class PayPalException(HttpStatusCode status, PayPalError? error, string body)
    : HttpRequestException($"PayPal answered {(int)status}: {error?.Issue ?? error?.Name ?? body}", null, status)
{
    public PayPalError? Error { get; } = error;

    /// <summary>PayPal refused the request itself; a 408 or a 429 (RATE_LIMIT_REACHED) says to try again later, as an outage does.</summary>
    public bool IsRefusal => (int?)StatusCode is >= 400 and < 500 and not 408 and not 429;
}

internal static class PayPalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
