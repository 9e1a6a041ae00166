using Billing.Core.Common;

namespace Billing.Core.Spaces;

/// <summary>A member of a space, copied from the product's directory (S2, S3).</summary>
public sealed record Member(UserId UserId, string Email, string? Name, MemberRole Role, Locale? Locale)
{
    /// <summary>
    /// For a member of a division: the end of the period a plan of their own team has paid for them (S4,
    /// a team that moved into the division with its plan). The division counts them from its first period
    /// starting then or later, so nobody pays twice for one period. Null: the division counts them now.
    /// </summary>
    public DateTimeOffset? PaidByTeamUntil { get; init; }
}
