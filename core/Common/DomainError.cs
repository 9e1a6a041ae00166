using System.Collections.Immutable;

namespace Billing.Core.Common;

/// <summary>
/// A rule said no. The <see cref="Code"/> is the stable API code of API.md; <see cref="Related"/>
/// names the ids the error is about (for example the paid teams of U6).
/// </summary>
public sealed record DomainError(ErrorCode Code, string Detail)
{
    public ImmutableArray<string> Related { get; init; } = [];

    /// <summary>The spaces a <c>teams_already_paid</c> is about, each with its billing owner (U11: whom to ask).</summary>
    public ImmutableArray<RelatedSpace> Teams { get; init; } = [];

    /// <summary>The machine-readable code the frontend relies on, e.g. <c>seats_below_members</c>.</summary>
    public string ApiCode => Code.ToApiCode();
}

/// <summary>A space an error names, with its billing owner where it has one.</summary>
public sealed record RelatedSpace(SpaceId SpaceId, UserId? BillingOwnerId);
