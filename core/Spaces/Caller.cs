using Billing.Core.Common;

namespace Billing.Core.Spaces;

/// <summary>
/// Who asks: a signed-in user with the service roles their token grants, or the system itself (the
/// renewal run, a provider's webhook). Recorded in the audit trail (A1).
/// </summary>
public sealed record Caller
{
    private Caller(UserId? user, ServiceRoles roles, string? systemName)
    {
        User = user;
        Roles = roles;
        SystemName = systemName;
    }

    public UserId? User { get; }

    public ServiceRoles Roles { get; }

    /// <summary>Which part of the system acts, when no person does (<c>renewal-run</c>, <c>webhook:stripe</c>).</summary>
    public string? SystemName { get; }

    public static Caller Person(UserId user, ServiceRoles roles = ServiceRoles.None) => new(user, roles, null);

    public static Caller System(string name) => new(null, ServiceRoles.None, name);

    public bool Has(ServiceRoles role) => (Roles & role) == role && role != ServiceRoles.None;

    /// <summary>How the audit trail names the caller: the user id, or <c>system:{name}</c>.</summary>
    public string AuditName => User?.Value ?? $"system:{SystemName}";
}
