using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Billing.Infra.Configuration;

namespace Billing.Infra.Payments.PayPal;

/// <summary>What PayPal answered: the status and the JSON body (an empty object when there was none).</summary>
public sealed record PayPalResponse(HttpStatusCode Status, JsonElement Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// PayPal's REST API over an <see cref="HttpClient"/> whose pipeline has the standard resilience
/// handler (timeouts, retries of transient failures only). Authenticates with OAuth client
/// credentials; the access token is cached until shortly before it expires. Every POST carries a
/// <c>PayPal-Request-Id</c>, so a retried request is answered with the first answer.
/// </summary>
public sealed class PayPalClient(IHttpClientFactory clients, PayPalOptions options, TimeProvider clock) : IDisposable
{
    public const string HttpClientName = "paypal";

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private AccessToken? _token;

    public async Task<PayPalResponse> SendAsync(HttpMethod method, string path, object? body, string? requestId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken).ConfigureAwait(false));
        if (requestId is not null)
        {
            request.Headers.Add("PayPal-Request-Id", requestId);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: PayPalJson.Options);
            request.Headers.Add("Prefer", "return=representation");
        }

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            _token = null; // revoked or expired early: the next call asks for a new one
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        return new PayPalResponse(response.StatusCode, document.RootElement.Clone());
    }

    public void Dispose() => _tokenLock.Dispose();

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

internal static class PayPalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
