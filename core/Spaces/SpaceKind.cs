namespace Billing.Core.Spaces;

/// <summary>What can be upgraded (S1, S4).</summary>
public enum SpaceKind
{
    Workspace,
    Organization,

    /// <summary>A team inside an organization; its members are members of the organization (S2).</summary>
    Team,

    /// <summary>
    /// A group of teams inside an organization (S4). Upgraded like a team, it pays for the members of
    /// its teams, each once: the directory keeps its member list as it keeps an organization's.
    /// </summary>
    Division,
}
