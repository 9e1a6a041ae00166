using Billing.Core.Spaces;
using Billing.Core.Subscriptions;

namespace Billing.Functions.Views;

/// <summary>A space as the directory sees it: what the directory wrote, and its member count.</summary>
public sealed record SpaceView(string SpaceId, string Kind, string Name, string? OrganizationId, string? Locale, int Members, string? DivisionId = null)
{
    public static SpaceView Of(SpaceBilling state) => new(
        state.Space.Id.Value,
        state.Space.Kind switch { SpaceKind.Workspace => "workspace", SpaceKind.Organization => "organization", SpaceKind.Division => "division", _ => "team" },
        state.Space.Name,
        state.Space.OrganizationId?.Value,
        state.Space.Locale?.Tag,
        state.Members.Count,
        state.Space.DivisionId?.Value);
}
