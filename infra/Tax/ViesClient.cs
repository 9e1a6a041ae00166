using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Tax;

namespace Billing.Infra.Tax;

/// <summary>
/// The EU's VIES register through its REST API (<c>POST check-vat-number</c>): confirms that a VAT
/// number whose format and check digits are right is registered in its member state (T2). Whatever
/// keeps VIES from answering (a member state's system down, <c>MS_UNAVAILABLE</c>, <c>TIMEOUT</c>,
/// too many requests, a network error, our own timeout) is <see cref="RegisterAnswer.Unreachable"/>,
/// never an error: the caller charges as for a consumer and checks again later.
/// </summary>
public sealed class ViesClient(HttpClient http)
{
    public const string HttpClientName = "vies";

    // userError values of VIES that mean "no answer now", not "not registered".
    private static readonly HashSet<string> Outages = new(StringComparer.Ordinal)
    {
        "MS_UNAVAILABLE", "TIMEOUT", "SERVICE_UNAVAILABLE", "MS_MAX_CONCURRENT_REQ", "GLOBAL_MAX_CONCURRENT_REQ", "IP_BLOCKED", "VAT_BLOCKED",
    };

    /// <summary>Asks VIES about <paramref name="vatNumber"/> in its normal form (<c>DE136695976</c>, <c>EL094279805</c>).</summary>
    public async Task<RegisterAnswer> CheckAsync(string vatNumber, CancellationToken cancellationToken)
    {
        var request = new CheckRequest(vatNumber[..2], vatNumber[2..]);
        try
        {
            using var response = await http.PostAsJsonAsync("check-vat-number", request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var failure = await ReadAsync<FailureAnswer>(response, cancellationToken);
                return failure?.ErrorWrappers?.Any(e => e.Error == "INVALID_INPUT") == true ? RegisterAnswer.Refused : RegisterAnswer.Unreachable;
            }

            var answer = await ReadAsync<CheckAnswer>(response, cancellationToken);
            return answer switch
            {
                null => RegisterAnswer.Unreachable,
                { UserError: { } error } when Outages.Contains(error) => RegisterAnswer.Unreachable,
                { Valid: true } => RegisterAnswer.Confirmed,
                _ => RegisterAnswer.Refused,
            };
        }
        catch (HttpRequestException)
        {
            return RegisterAnswer.Unreachable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RegisterAnswer.Unreachable;
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private sealed record CheckRequest(
        [property: JsonPropertyName("countryCode")] string CountryCode,
        [property: JsonPropertyName("vatNumber")] string VatNumber);

    private sealed record CheckAnswer(
        [property: JsonPropertyName("valid")] bool Valid,
        [property: JsonPropertyName("userError")] string? UserError);

    private sealed record FailureAnswer(
        [property: JsonPropertyName("errorWrappers")] List<ErrorWrapper>? ErrorWrappers);

    private sealed record ErrorWrapper(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("message")] string? Message);
}
