using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Billing.Infra.Payments.Webhooks;

/// <summary>The PAYPAL-TRANSMISSION-* headers of one delivery.</summary>
public sealed record PayPalTransmission(string? Id, string? Time, string? Signature, string? CertificateUrl, string? AuthAlgorithm);

/// <summary>
/// PayPal's webhook signature, checked offline: the signature is SHA256withRSA, by the key of the
/// certificate at PAYPAL-CERT-URL, over "transmissionId|transmissionTime|webhookId|crc32(body)".
/// The certificate is fetched only from PayPal's own hosts (or the configured API host, for a local
/// stub), must be valid now, and is cached; the transmission time must be within 300 s of now.
/// </summary>
public sealed class PayPalSignature(HttpClient http, Uri apiBase, TimeProvider clock)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    private static readonly string[] PayPalHosts = ["api.paypal.com", "api-m.paypal.com", "api.sandbox.paypal.com", "api-m.sandbox.paypal.com"];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, X509Certificate2> _certificates = new(StringComparer.Ordinal);

    public async Task<bool> IsSignedAsync(byte[] rawBody, PayPalTransmission transmission, string webhookId, CancellationToken cancellationToken)
    {
        if (transmission is not { Id: { } id, Time: { } time, Signature: { } signature, CertificateUrl: { } certificateUrl }
            || (transmission.AuthAlgorithm is { } algorithm && algorithm != "SHA256withRSA")
            || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt)
            || (clock.GetUtcNow() - sentAt).Duration() > Tolerance
            || !Uri.TryCreate(certificateUrl, UriKind.Absolute, out var certificateUri) || !IsTrusted(certificateUri))
        {
            return false;
        }

        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        var certificate = await CertificateAsync(certificateUri, cancellationToken).ConfigureAwait(false);
        if (certificate is null || clock.GetUtcNow() < certificate.NotBefore.ToUniversalTime() || clock.GetUtcNow() > certificate.NotAfter.ToUniversalTime())
        {
            return false;
        }

        var crc = Crc32.HashToUInt32(rawBody);
        var signed = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}|{time}|{webhookId}|{crc}"));
        using var key = certificate.GetRSAPublicKey();
        return key is not null && key.VerifyData(signed, signatureBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private bool IsTrusted(Uri url) =>
        (url.Scheme == Uri.UriSchemeHttps && PayPalHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
        || (url.Scheme == apiBase.Scheme && url.Host == apiBase.Host && url.Port == apiBase.Port);

    private async Task<X509Certificate2?> CertificateAsync(Uri url, CancellationToken cancellationToken)
    {
        if (_certificates.TryGetValue(url.AbsoluteUri, out var cached))
        {
            return cached;
        }

        try
        {
            var pem = await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false);
            var certificate = X509Certificate2.CreateFromPem(pem);
            // PayPal rotates rarely; a bounded cache keeps a flood of distinct URLs from growing memory.
            if (_certificates.Count < 16)
            {
                _certificates.TryAdd(url.AbsoluteUri, certificate);
            }

            return certificate;
        }
        catch (Exception e) when (e is HttpRequestException or CryptographicException or ArgumentException or TaskCanceledException)
        {
            return null;
        }
    }
}
