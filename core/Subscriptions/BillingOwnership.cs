using System.Collections.Immutable;
using Billing.Core.Common;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>B2: the billing owner of a paid workspace or organization is one of its admins.</summary>
internal static class BillingOwnership
{
    public static (ImmutableDictionary<UserId, Member> Members, (Member Before, Member After)? Promotion) PromoteToAdmin(SpaceBilling state, UserId owner)
    {
        var member = state.Members[owner];
        if (!state.Space.HasAdmins || member.Role == MemberRole.Admin)
        {
            return (state.Members, null);
        }

        var admin = member with { Role = MemberRole.Admin };
        return (state.Members.SetItem(owner, admin), (member, admin));
    }
}
