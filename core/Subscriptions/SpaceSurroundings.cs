using System.Collections.Immutable;
using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>
/// What an upgrade or a trial must know of the spaces around this one (U6, S4): for a team, whether
/// its organization or its division is on a paid plan or trial (<see cref="CoveredAbove"/>); for a
/// division, the same of its organization, and which of its teams have plans; for an organization,
/// which of its teams and divisions have plans (<see cref="PaidBelow"/>).
/// </summary>
public sealed record SpaceSurroundings(bool CoveredAbove, ImmutableArray<PaidSpace> PaidBelow)
{
    public static SpaceSurroundings None { get; } = new(false, []);
}

/// <summary>A team or division with a plan of its own, and who manages it: its billing owner, or for a trial the member who started it.</summary>
public sealed record PaidSpace(SpaceId Space, UserId? BillingOwner)
{
    public static PaidSpace Of(SpaceBilling state) =>
        new(state.Space.Id, state.Subscription?.BillingOwner ?? state.Trial?.StartedBy);
}
