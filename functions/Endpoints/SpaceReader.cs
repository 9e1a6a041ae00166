using System.Collections.Immutable;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Infra.Storage;

namespace Billing.Functions.Endpoints;

/// <summary>Reads spaces for the endpoints that only look, and the surroundings an upgrade or trial must know (U6).</summary>
public sealed class SpaceReader(BillingStorage storage, SpaceStore store, TeamIndex teams)
{
    public async Task<SpaceBilling?> LoadAsync(SpaceId id, CancellationToken cancellationToken) =>
        (await LoadStoredAsync(id, null, cancellationToken))?.State;

    /// <summary>The space as stored (with the rows <paramref name="also"/> names), for a write that decides on it next without reading it again.</summary>
    public async Task<StoredSpace?> LoadStoredAsync(SpaceId id, SpaceLoad? also, CancellationToken cancellationToken)
    {
        await storage.EnsureReadyAsync(cancellationToken);
        return await store.LoadAsync(id, also, cancellationToken);
    }

    /// <summary>
    /// For a team, whether its organization or its division has a plan; for a division, whether its
    /// organization has one and which of its teams do; for an organization, which of its teams and
    /// divisions do (U6, S4). A team that has left a division is still listed under it: its own row says where it is now.
    /// </summary>
    public async Task<SpaceSurroundings> SurroundingsAsync(Space space, CancellationToken cancellationToken)
    {
        switch (space.Kind)
        {
            case SpaceKind.Team:
                var covered = await HasPlanAsync(space.OrganizationId!.Value, cancellationToken)
                    || (space.DivisionId is { } division && await HasPlanAsync(division, cancellationToken));
                return new SpaceSurroundings(covered, []);
            case SpaceKind.Division:
                return new SpaceSurroundings(
                    await HasPlanAsync(space.OrganizationId!.Value, cancellationToken),
                    await PlansBelowAsync(space.Id, s => s.Space.Kind == SpaceKind.Team && s.Space.DivisionId == space.Id, cancellationToken));
            case SpaceKind.Organization:
                return new SpaceSurroundings(false, await PlansBelowAsync(space.Id, s => s.Space.OrganizationId == space.Id, cancellationToken));
            default:
                return SpaceSurroundings.None;
        }
    }

    private async Task<bool> HasPlanAsync(SpaceId space, CancellationToken cancellationToken) =>
        (await LoadAsync(space, cancellationToken))?.Plan is PaidPlan or TrialPlan;

    /// <summary>The teams now in <paramref name="division"/> (S4).</summary>
    public Task<ImmutableArray<SpaceBilling>> TeamsOfDivisionAsync(SpaceId division, CancellationToken cancellationToken) =>
        SpacesBelowAsync(division, s => s.Space.Kind == SpaceKind.Team && s.Space.DivisionId == division, cancellationToken);

    private async Task<ImmutableArray<PaidSpace>> PlansBelowAsync(SpaceId parent, Func<SpaceBilling, bool> isBelow, CancellationToken cancellationToken) =>
        [.. (await SpacesBelowAsync(parent, s => s.Plan is PaidPlan or TrialPlan && isBelow(s), cancellationToken)).Select(PaidSpace.Of)];

    private async Task<ImmutableArray<SpaceBilling>> SpacesBelowAsync(SpaceId parent, Func<SpaceBilling, bool> isBelow, CancellationToken cancellationToken)
    {
        var below = ImmutableArray.CreateBuilder<SpaceBilling>();
        foreach (var id in await teams.OfAsync(parent, cancellationToken))
        {
            if (await LoadAsync(id, cancellationToken) is { } state && isBelow(state))
            {
                below.Add(state);
            }
        }

        return below.ToImmutable();
    }
}
