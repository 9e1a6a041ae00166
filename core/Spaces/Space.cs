using Billing.Core.Common;

namespace Billing.Core.Spaces;

/// <summary>A workspace, an organization, a division or a team, as the product's directory describes it (S1, S3, S4).</summary>
public sealed record Space
{
    public Space(SpaceId id, SpaceKind kind, string name, SpaceId? organizationId, Locale? locale, SpaceId? divisionId = null)
    {
        if ((kind is SpaceKind.Team or SpaceKind.Division) != organizationId.HasValue)
        {
            throw new ArgumentException("A team or a division names its organization; other spaces do not.", nameof(organizationId));
        }

        if (divisionId.HasValue && kind != SpaceKind.Team)
        {
            throw new ArgumentException("Only a team belongs to a division (S4).", nameof(divisionId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Kind = kind;
        Name = name;
        OrganizationId = organizationId;
        DivisionId = divisionId;
        Locale = locale;
    }

    public SpaceId Id { get; }

    public SpaceKind Kind { get; }

    public string Name { get; }

    /// <summary>The organization a team or a division belongs to; null for workspaces and organizations.</summary>
    public SpaceId? OrganizationId { get; }

    /// <summary>The division a team belongs to, if any (S4: at most one); a team may move in or out of one.</summary>
    public SpaceId? DivisionId { get; }

    public Locale? Locale { get; }

    /// <summary>
    /// The organization whose plans this space's plan must not overlap (U6, S4): its own for an
    /// organization, the one it belongs to for a team or a division; null for a workspace.
    /// </summary>
    public SpaceId? PlansOverlapWithin => Kind == SpaceKind.Organization ? Id : OrganizationId;

    /// <summary>Whether the space has admins (S2): workspaces and organizations do, teams and divisions do not.</summary>
    public bool HasAdmins => Kind is SpaceKind.Workspace or SpaceKind.Organization;
}
