using System.Collections.Immutable;
using System.Globalization;
using Billing.Core.Audit;
using Billing.Core.Calendar;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>Upgrading a space from Basic or a trial to a paid plan (U3-U9, I1).</summary>
public static class Upgrades
{
    public static Result<Decision> Upgrade(SpaceBilling state, UpgradeCommand command, Caller caller, DecisionContext context)
    {
        var catalog = context.Catalog;
        var bySales = caller.Has(ServiceRoles.Sales);
        if (Access.RequireMember(state, caller, ServiceRoles.Sales) is { } notMember)
        {
            return notMember;
        }

        if (state.Plan is PaidPlan)
        {
            return Errors.AlreadySubscribed();
        }

        // U11: the plans below are taken over when the caller asks and may; otherwise they block the upgrade (U6).
        var takenOver = command.TakeOverTeamPlans && TakeOvers.MayTakeOver(command.Surroundings.PaidBelow, caller) ? command.Surroundings.PaidBelow : [];
        var surroundings = takenOver.IsDefaultOrEmpty ? command.Surroundings : command.Surroundings with { PaidBelow = [] };
        if (OrganizationRules.CheckCanTakePlan(state.Space, surroundings) is { } coveredElsewhere)
        {
            return coveredElsewhere;
        }

        var tier = TierRules.FindOnSale(catalog, command.Tier);
        if (!tier.IsSuccess)
        {
            return tier.Error;
        }

        if (SeatRules.Check(catalog.Ladder, command.Seats, state.Members.Count) is { } badSeats)
        {
            return badSeats;
        }

        if (!state.IsMember(command.BillingOwner))
        {
            return Errors.BillingOwnerNotMember();
        }

        if (command.PaymentMethod is not { } paymentMethod)
        {
            return Errors.PaymentMethodMissing();
        }

        if (paymentMethod.IsInvoice && !bySales)
        {
            return Errors.Forbidden("Payment by invoice is set up by sales (billing.sales) only (I1).");
        }

        if (!paymentMethod.IsInvoice && !(caller.User is { } user && state.IsMember(user)))
        {
            return Errors.Forbidden("Sales may only upgrade a space it is not a member of to payment by invoice.");
        }

        if (paymentMethod.IsInvoice && !InvoicePayment.IsEligible(catalog.Policy, command.Cycle, state.Members.Count))
        {
            return Errors.InvoicePaymentNotEligible(catalog.Policy.InvoicePaymentMinimumMembers);
        }

        var ordinal = state.SubscriptionCount + 1;
        var anchor = new BillingAnchor(context.Now);
        var subscription = new Subscription(
            SubscriptionId.Parse(string.Create(CultureInfo.InvariantCulture, $"sub-{ordinal}")),
            command.Tier,
            command.Cycle,
            command.Seats,
            catalog.CurrencyFor(command.BillingInfo.Address.Country),
            command.BillingOwner,
            command.BillingInfo,
            paymentMethod,
            anchor,
            PeriodIndex: 0,
            ScheduledChange: null,
            CancelAtPeriodEnd: false,
            Dunning: null,
            ChangeInvoiceCount: 0);

        var (members, promotion) = BillingOwnership.PromoteToAdmin(state, command.BillingOwner);
        var next = state with
        {
            Plan = new PaidPlan(subscription),
            Members = DivisionPaysForAll(members),
            SubscriptionCount = ordinal,
        };

        var period = subscription.CurrentPeriod;
        var line = Proration.FullPeriod(tier.Value, subscription.Cycle, subscription.Seats, subscription.Currency, period);
        var draft = InvoiceDrafts.Create(next, subscription, subscription.RenewalInvoiceId(period.Start), InvoiceKind.Upgrade, period, [line], context);
        subscription = subscription with { PeriodTaxation = draft.Taxation };
        next = next with { Plan = new PaidPlan(subscription) };

        var audit = ImmutableArray.CreateBuilder<AuditRecord>(3);
        audit.Add(AuditTrail.Record(state, caller, context, AuditAction.SubscriptionStarted, state.Trial, subscription));
        if (!takenOver.IsDefaultOrEmpty)
        {
            audit.Add(AuditTrail.Record(state, caller, context, AuditAction.TeamPlansTakenOver, null, takenOver.Select(t => t.Space.Value).ToArray()));
        }

        if (promotion is { } promoted)
        {
            audit.Add(AuditTrail.Record(state, caller, context, AuditAction.MemberUpdated, promoted.Before, promoted.After));
        }

        return Reminders.AwaitTransfers(new Decision(
            next,
            [.. InvoiceDrafts.IssueAndChargeNow(next, subscription, draft), .. TakeOvers.Queue(takenOver, state.Space.Id, context.Now)],
            audit.DrainToImmutable()));
    }

    /// <summary>
    /// S4: a plan starts paying for every member (the team plans below are taken over, or the upgrade waits
    /// for them), so no member is left waiting for a team plan's period to end.
    /// </summary>
    private static ImmutableDictionary<UserId, Member> DivisionPaysForAll(ImmutableDictionary<UserId, Member> members) =>
        members.Values.Any(m => m.PaidByTeamUntil is not null)
            ? members.ToImmutableDictionary(m => m.Key, m => m.Value with { PaidByTeamUntil = null })
            : members;
}
