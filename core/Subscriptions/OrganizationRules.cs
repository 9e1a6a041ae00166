using Billing.Core.Common;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// U6 and S4: a team in a paid organization or paid division is covered already, and so is a division
/// in a paid organization; an organization or a division whose teams (or divisions) have plans waits for them.
/// </summary>
internal static class OrganizationRules
{
    public static DomainError? CheckCanTakePlan(Space space, SpaceSurroundings surroundings) => space.Kind switch
    {
        SpaceKind.Team or SpaceKind.Division when surroundings.CoveredAbove => Errors.TeamInPaidOrganization(),
        SpaceKind.Organization or SpaceKind.Division when !surroundings.PaidBelow.IsDefaultOrEmpty => Errors.TeamsAlreadyPaid(surroundings.PaidBelow),
        _ => null,
    };
}
