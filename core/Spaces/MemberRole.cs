namespace Billing.Core.Spaces;

/// <summary>A member's role in a space (S2). Admins exist for workspaces and organizations.</summary>
public enum MemberRole
{
    Member,
    Admin,
}
