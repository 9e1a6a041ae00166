namespace Billing.Core.Spaces;

/// <summary>What can be upgraded (S1).</summary>
public enum SpaceKind
{
    Workspace,
    Organization,

    /// <summary>A team inside an organization; its members are members of the organization (S2).</summary>
    Team,
}
