using System.ComponentModel.DataAnnotations;

namespace Billing.Functions.Hosting;

/// <summary>
/// Token validation (API.md, <c>Auth__*</c>): HS256 with <see cref="SigningKey"/> for local runs and
/// tests, or RS256 from the OpenID Connect metadata of <see cref="Authority"/> in production.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    [Required]
    public string Issuer { get; set; } = string.Empty;

    [Required]
    public string Audience { get; set; } = string.Empty;

    /// <summary>Base64 of at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    public string? Authority { get; set; }

    /// <summary>
    /// Accept App Service authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header. Off by default: only
    /// App Service's front end may set it, and without that front end anyone could forge it.
    /// </summary>
    public bool TrustAppServicePrincipal { get; set; }

    public byte[] SigningKeyBytes() => Convert.FromBase64String(SigningKey!);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasKey = !string.IsNullOrWhiteSpace(SigningKey);
        var hasAuthority = !string.IsNullOrWhiteSpace(Authority);
        if (hasKey == hasAuthority)
        {
            yield return new ValidationResult("Set exactly one of Auth__SigningKey (HS256, local) and Auth__Authority (OpenID Connect, production).");
        }

        if (hasKey)
        {
            byte[]? key = null;
            try
            {
                key = Convert.FromBase64String(SigningKey!);
            }
            catch (FormatException)
            {
                // Reported below.
            }

            if (key is not { Length: >= 32 })
            {
                yield return new ValidationResult("Auth__SigningKey must be base64 of at least 32 bytes.");
            }
        }

        if (hasAuthority && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Auth__Authority must be an absolute URL.");
        }
    }
}
