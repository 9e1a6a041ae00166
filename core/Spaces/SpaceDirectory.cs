using System.Collections.Immutable;
using Billing.Core.Audit;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;

namespace Billing.Core.Spaces;

/// <summary>
/// The copy of the product's directory (S3): spaces and members, kept in sync by the directory
/// service. Adding a member to a full paid space grows its plan (N3); the billing owner cannot leave (B6).
/// </summary>
public static class SpaceDirectory
{
    /// <summary>
    /// Creates the space, or updates its name and locale, and for a team its division (S4: teams move in
    /// and out of divisions; <paramref name="surroundings"/> are the space's where it now is). A space never
    /// changes kind or organization (U7).
    /// </summary>
    public static Result<Decision> PutSpace(SpaceBilling? state, Space space, SpaceSurroundings surroundings, Caller caller, DecisionContext context)
    {
        if (Access.RequireDirectory(caller) is { } denied)
        {
            return denied;
        }

        if (state is null)
        {
            var created = SpaceBilling.New(space);
            return new Decision(created, [], [AuditTrail.Record(created, caller, context, AuditAction.SpaceUpdated, null, space)]);
        }

        if (state.Space.Kind != space.Kind || state.Space.OrganizationId != space.OrganizationId)
        {
            return Errors.InvalidRequest("A space keeps its kind and organization for life; create a new space instead.");
        }

        if (state.Space == space)
        {
            return Decision.Unchanged(state);
        }

        var updated = new Decision(state with { Space = space }, [], [AuditTrail.Record(state, caller, context, AuditAction.SpaceUpdated, state.Space, space)]);
        var movedUnderPaidPlan = state.Space.DivisionId != space.DivisionId && surroundings.CoveredAbove;
        if (!movedUnderPaidPlan || DivisionMoves.EndOwnPlanUnderPaidDivision(updated.State, caller, context) is not { } ended)
        {
            return updated;
        }

        return ended with { Audit = updated.Audit.AddRange(ended.Audit) };
    }

    public static Result<Decision> PutMember(SpaceBilling state, Member member, Caller caller, DecisionContext context)
    {
        if (Access.RequireDirectory(caller) is { } denied)
        {
            return denied;
        }

        if (!state.Space.HasAdmins && member.Role == MemberRole.Admin)
        {
            return Errors.InvalidRequest("Teams and divisions have no admins (S2, S4).");
        }

        var existing = state.Members.GetValueOrDefault(member.UserId);
        if (existing == member)
        {
            return Decision.Unchanged(state);
        }

        if (existing is not null && state.IsBillingOwner(member.UserId) && state.Space.HasAdmins && member.Role != MemberRole.Admin)
        {
            return Errors.BillingOwnerMustTransferFirst(); // B2: the billing owner stays an admin.
        }

        var next = state with { Members = state.Members.SetItem(member.UserId, member) };
        var record = AuditTrail.Record(state, caller, context, existing is null ? AuditAction.MemberAdded : AuditAction.MemberUpdated, existing, member);
        if (next.Subscription is not { } subscription || next.MembersCountedIn(subscription) <= subscription.Seats.Value)
        {
            return new Decision(next, [], [record]);
        }

        return GrowToFit(next, subscription, record, caller, context);
    }

    /// <summary>B6: the billing owner stays until ownership is transferred. Seats do not shrink on their own (N2).</summary>
    public static Result<Decision> RemoveMember(SpaceBilling state, UserId user, Caller caller, DecisionContext context)
    {
        if (Access.RequireDirectory(caller) is { } denied)
        {
            return denied;
        }

        if (state.IsBillingOwner(user))
        {
            return Errors.BillingOwnerMustTransferFirst();
        }

        if (state.Members.GetValueOrDefault(user) is not { } member)
        {
            return Decision.Unchanged(state);
        }

        return new Decision(
            state with { Members = state.Members.Remove(user) },
            [],
            [AuditTrail.Record(state, caller, context, AuditAction.MemberRemoved, member, null)]);
    }

    /// <summary>N3: a member joined a full paid space: grow to the next rung at once, prorated, and tell the billing owner.</summary>
    private static Result<Decision> GrowToFit(SpaceBilling state, Subscription subscription, AuditRecord memberRecord, Caller caller, DecisionContext context)
    {
        var counted = state.MembersCountedIn(subscription);
        if (SeatRules.FewestCovering(context.Catalog.Ladder, counted) is not { } seats)
        {
            return Errors.SeatCountNotOffered(counted); // beyond the ladder: a sales matter (U4)
        }

        var tier = context.Catalog.FindTier(subscription.Tier)!;
        var line = Proration.RestOfPeriod(tier, subscription.Cycle, seats.Value - subscription.Seats.Value, subscription.Currency, subscription.CurrentPeriod, context.Now);
        var grown = subscription with
        {
            Seats = seats,
            // A scheduled reduction is always below the new head count here, so it would break N2: withdraw it.
            ScheduledChange = subscription.ScheduledChange is { } scheduled && (scheduled with { Seats = null }) is { IsEmpty: false } rest ? rest : null,
            ChangeInvoiceCount = line is null ? subscription.ChangeInvoiceCount : subscription.ChangeInvoiceCount + 1,
        };
        var next = state with { Plan = new PaidPlan(grown) };
        var notice = Notices.ToBillingOwner(next, grown, EmailKind.SeatsIncreasedAutomatically, null);
        var effects = line is null
            ? ImmutableArray.Create<Effect>(notice)
            : InvoiceDrafts.IssueAndChargeNow(
                next,
                grown,
                InvoiceDrafts.Create(next, grown, subscription.NextChangeInvoiceId(), InvoiceKind.Change, grown.CurrentPeriod, [line], context)).Add(notice);
        return Reminders.AwaitTransfers(new Decision(
            next,
            effects,
            [memberRecord, AuditTrail.Record(state, caller, context, AuditAction.SubscriptionChanged, subscription, grown)]));
    }
}
