using Billing.Core.Common;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>U6: a team in a paid organization is covered already; an organization with paid teams waits for them.</summary>
internal static class OrganizationRules
{
    public static DomainError? CheckCanTakePlan(Space space, SpaceSurroundings surroundings) => space.Kind switch
    {
        SpaceKind.Team when surroundings.OrganizationIsPaid => Errors.TeamInPaidOrganization(),
        SpaceKind.Organization when !surroundings.PaidTeams.IsDefaultOrEmpty => Errors.TeamsAlreadyPaid(surroundings.PaidTeams),
        _ => null,
    };
}
