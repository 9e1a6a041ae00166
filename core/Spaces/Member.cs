using Billing.Core.Common;

namespace Billing.Core.Spaces;

/// <summary>A member of a space, copied from the product's directory (S2, S3).</summary>
public sealed record Member(UserId UserId, string Email, string? Name, MemberRole Role, Locale? Locale);
