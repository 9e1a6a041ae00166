using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Billing.Functions.Tests.Support;

/// <summary>Builds provider events from the fixtures and signs them with each provider's real scheme.</summary>
public static class WebhookSigner
{
    public const string StripeSecret = "whsec_test_secret";
    public const string PayPalWebhookId = "WH-TEST-1";

    /// <summary>A Stripe event (Stripe's example event) about <paramref name="obj"/>, with an API version other than the SDK's.</summary>
    public static string StripeEvent(string type, JsonObject obj, JsonObject? previousAttributes = null)
    {
        var stripeEvent = ProviderStub.Fixture("event");
        stripeEvent["id"] = $"evt_{Guid.NewGuid():N}";
        stripeEvent["type"] = type;
        stripeEvent["api_version"] = "2019-02-19";
        stripeEvent["data"] = new JsonObject { ["object"] = obj.DeepClone() };
        if (previousAttributes is not null)
        {
            stripeEvent["data"]!["previous_attributes"] = previousAttributes;
        }

        return stripeEvent.ToJsonString();
    }

    /// <summary><c>Stripe-Signature</c>: t=timestamp, v1=HMAC-SHA256("t.body", secret), plus any extra v1 values (as during a secret roll).</summary>
    public static string StripeSignature(string body, DateTimeOffset? at = null, string secret = StripeSecret, params string[] extraSignatures)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"))).ToLowerInvariant();
        return string.Join(',', new[] { $"t={timestamp}" }.Concat(extraSignatures.Select(s => $"v1={s}")).Append($"v1={signature}"));
    }

    public static string PayPalEvent(string type, JsonObject resource) => new JsonObject
    {
        ["id"] = $"WH-{Guid.NewGuid():N}",
        ["event_version"] = "1.0",
        ["create_time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["resource_type"] = type.Split('.')[^2].ToLowerInvariant(),
        ["event_type"] = type,
        ["summary"] = type,
        ["resource"] = resource,
    }.ToJsonString();

    /// <summary>The PAYPAL-* headers of a delivery signed with the stub's certificate key: SHA256withRSA over "id|time|webhookId|crc32(body)".</summary>
    public static Dictionary<string, string> PayPalHeaders(string body, ProviderStub stub, DateTimeOffset? at = null, Uri? certificateUrl = null, string webhookId = PayPalWebhookId)
    {
        var id = Guid.NewGuid().ToString();
        var time = (at ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var crc = Crc32.HashToUInt32(Encoding.UTF8.GetBytes(body));
        var signed = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}|{time}|{webhookId}|{crc}"));
        return new Dictionary<string, string>
        {
            ["PAYPAL-TRANSMISSION-ID"] = id,
            ["PAYPAL-TRANSMISSION-TIME"] = time,
            ["PAYPAL-TRANSMISSION-SIG"] = Convert.ToBase64String(stub.PayPalSigningKey.SignData(signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            ["PAYPAL-CERT-URL"] = (certificateUrl ?? stub.CertificateUrl).ToString(),
            ["PAYPAL-AUTH-ALGO"] = "SHA256withRSA",
        };
    }
}
