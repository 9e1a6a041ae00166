using Billing.Core.Common;

namespace Billing.Core.Spaces;

/// <summary>A workspace, an organization or a team, as the product's directory describes it (S1, S3).</summary>
public sealed record Space
{
    public Space(SpaceId id, SpaceKind kind, string name, SpaceId? organizationId, Locale? locale)
    {
        if ((kind == SpaceKind.Team) != organizationId.HasValue)
        {
            throw new ArgumentException("A team names its organization; other spaces do not.", nameof(organizationId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Kind = kind;
        Name = name;
        OrganizationId = organizationId;
        Locale = locale;
    }

    public SpaceId Id { get; }

    public SpaceKind Kind { get; }

    public string Name { get; }

    /// <summary>The organization a team belongs to; null for workspaces and organizations.</summary>
    public SpaceId? OrganizationId { get; }

    public Locale? Locale { get; }

    /// <summary>Whether the space has admins (S2): workspaces and organizations do, teams do not.</summary>
    public bool HasAdmins => Kind != SpaceKind.Team;
}
