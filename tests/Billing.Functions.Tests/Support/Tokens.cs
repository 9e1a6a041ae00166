using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Billing.Functions.Tests.Support;

/// <summary>Mints HS256 tokens the way an identity provider would, for the test server's settings.</summary>
public static class Tokens
{
    public const string Issuer = "billing-tests";
    public const string Audience = "billing-api";
    public static readonly string SigningKey = Convert.ToBase64String("test-only-signing-key-of-32-bytes!!"u8.ToArray());

    public static string For(string userId, params string[] roles) => Mint(userId, roles);

    public static string Mint(
        string? subject, string[] roles, string issuer = Issuer, string audience = Audience, string? key = null, DateTime? expires = null, bool rolesAsOneString = false, string rolesClaim = "roles")
    {
        var claims = new Dictionary<string, object>();
        if (subject is not null)
        {
            claims["sub"] = subject;
            claims["email"] = $"{subject}@example.test";
            claims["name"] = subject;
        }

        if (roles.Length > 0)
        {
            claims[rolesClaim] = rolesAsOneString ? roles[0] : roles;
        }

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = (expires ?? now.AddHours(1)) < now ? now.AddHours(-2) : now.AddMinutes(-1),
            IssuedAt = (expires ?? now.AddHours(1)) < now ? now.AddHours(-2) : now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
