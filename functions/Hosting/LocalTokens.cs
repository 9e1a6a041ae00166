using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Billing.Functions.Hosting;

/// <summary>
/// <c>Billing.Functions --mint-token &lt;userId&gt; [roles...]</c>: a bearer token for local runs, signed with
/// the local HS256 key. Refused when the app validates tokens from an OpenID Connect authority.
/// </summary>
public static class LocalTokens
{
    public const string MintFlag = "--mint-token";

    public static string Mint(AuthOptions options, string userId, IReadOnlyList<string> roles)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            throw new InvalidOperationException("Tokens are minted only for local runs, with Auth__SigningKey.");
        }

        var claims = new Dictionary<string, object> { ["sub"] = userId, ["name"] = userId };
        if (roles.Count > 0)
        {
            claims["roles"] = roles.ToArray();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddDays(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.SigningKeyBytes()), SecurityAlgorithms.HmacSha256),
        });
    }
}
