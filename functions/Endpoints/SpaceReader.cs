using System.Collections.Immutable;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Infra.Storage;

namespace Billing.Functions.Endpoints;

/// <summary>Reads spaces for the endpoints that only look, and the surroundings an upgrade or trial must know (U6).</summary>
public sealed class SpaceReader(BillingStorage storage, SpaceStore store, TeamIndex teams)
{
    public async Task<SpaceBilling?> LoadAsync(SpaceId id, CancellationToken cancellationToken)
    {
        await storage.EnsureReadyAsync(cancellationToken);
        return (await store.LoadAsync(id, cancellationToken))?.State;
    }

    /// <summary>For a team, whether its organization has a plan; for an organization, which of its teams have one (U6).</summary>
    public async Task<SpaceSurroundings> SurroundingsAsync(Space space, CancellationToken cancellationToken)
    {
        switch (space.Kind)
        {
            case SpaceKind.Team:
                var organization = await LoadAsync(space.OrganizationId!.Value, cancellationToken);
                return new SpaceSurroundings(organization?.Plan is PaidPlan or TrialPlan, []);
            case SpaceKind.Organization:
                var paid = ImmutableArray.CreateBuilder<SpaceId>();
                foreach (var team in await teams.OfAsync(space.Id, cancellationToken))
                {
                    if ((await LoadAsync(team, cancellationToken))?.Plan is PaidPlan or TrialPlan)
                    {
                        paid.Add(team);
                    }
                }

                return new SpaceSurroundings(false, paid.ToImmutable());
            default:
                return SpaceSurroundings.None;
        }
    }
}
