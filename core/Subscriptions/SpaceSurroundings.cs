using System.Collections.Immutable;
using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>
/// What an upgrade or a trial must know of the spaces around this one (U6): for a team, whether its
/// organization is on a paid plan or trial; for an organization, which of its teams are.
/// </summary>
public sealed record SpaceSurroundings(bool OrganizationIsPaid, ImmutableArray<SpaceId> PaidTeams)
{
    public static SpaceSurroundings None { get; } = new(false, []);
}
