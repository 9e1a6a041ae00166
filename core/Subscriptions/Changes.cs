using System.Collections.Immutable;
using Billing.Core.Audit;
using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// Changing tier, cycle and seats. What costs more takes effect at once, prorated, with the unused
/// rest of the period credited (C1, N1): a higher tier, monthly to annual, more seats. What costs less
/// waits for the renewal (C1, N2): a lower tier, annual to monthly, fewer seats. One request may do both.
/// </summary>
public static class Changes
{
    public static Result<Decision> Change(SpaceBilling state, ChangeCommand command, Caller caller, DecisionContext context)
    {
        if (Access.RequireBillingOwner(state, caller, ServiceRoles.Sales) is { } denied)
        {
            return denied;
        }

        var current = state.Subscription!;
        if (Access.RequireSalesForInvoicePlan(current, caller) is { } contactSales)
        {
            return contactSales;
        }

        if (command.IsEmpty)
        {
            return Errors.InvalidRequest("Name at least one of tier, cycle or seats.");
        }

        var catalog = context.Catalog;
        var currentTier = TierRules.Get(catalog, current.Tier);
        var targetTier = currentTier;
        if (command.Tier is { } tierId && tierId != current.Tier)
        {
            var found = TierRules.FindOnSale(catalog, tierId);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            targetTier = found.Value;
        }

        if (command.Seats is { } seats && SeatRules.Check(catalog.Ladder, seats, state.MembersCountedIn(current)) is { } badSeats)
        {
            return badSeats;
        }

        var plan = ChangePlan.Of(current, currentTier, targetTier, command);
        // I1: payment by invoice stays with annual plans. Its member threshold is checked when sales sets it up;
        // a member leaving later does not freeze the plan.
        if (current.IsPaidByInvoice && plan.CycleAfterRenewal != catalog.Policy.InvoicePaymentCycle)
        {
            return Errors.InvoicePaymentNotEligible(catalog.Policy.InvoicePaymentMinimumMembers);
        }

        var changed = plan.IsImmediate ? ApplyNow(current, currentTier, plan, context.Now) : current;
        changed = changed with { ScheduledChange = plan.Scheduled };
        if (changed == current)
        {
            return Decision.Unchanged(state);
        }

        var next = state with { Plan = new PaidPlan(changed) };
        var audit = ImmutableArray.CreateBuilder<AuditRecord>(2);
        var effects = ImmutableArray<Effects.Effect>.Empty;
        if (plan.IsImmediate)
        {
            audit.Add(AuditTrail.Record(state, caller, context, AuditAction.SubscriptionChanged, current, changed));
            var lines = ChangeLines(current, currentTier, changed, plan.NewTier, context.Now);
            if (!lines.IsEmpty)
            {
                changed = changed with { ChangeInvoiceCount = current.ChangeInvoiceCount + 1 };
                next = state with { Plan = new PaidPlan(changed) };
                var draft = InvoiceDrafts.Create(next, changed, current.NextChangeInvoiceId(), InvoiceKind.Change, changed.CurrentPeriod, lines, context);
                effects = InvoiceDrafts.IssueAndChargeNow(next, changed, draft);
            }
        }

        if (plan.Scheduled != current.ScheduledChange)
        {
            audit.Add(AuditTrail.Record(state, caller, context, AuditAction.ChangeScheduled, current.ScheduledChange, plan.Scheduled));
        }

        return Reminders.AwaitTransfers(new Decision(next, effects, audit.DrainToImmutable()));
    }

    private static Subscription ApplyNow(Subscription current, Tier currentTier, ChangePlan plan, DateTimeOffset now)
    {
        var changed = current with { Tier = plan.NewTier.Id, Seats = plan.NewSeats };
        return plan.NewCycle == current.Cycle
            ? changed
            : changed with { Cycle = plan.NewCycle, Anchor = new BillingAnchor(now), PeriodIndex = 0 }; // a longer cycle starts now
    }

    /// <summary>
    /// The lines of an immediate change at <paramref name="now"/>. More seats of the same tier and
    /// cycle: the added seats for the rest of the period (N1). A higher tier: the old plan's rest
    /// credited, the new plan's rest charged (C1). Monthly to annual: the old rest credited, a whole new
    /// annual period charged from now (C1).
    /// </summary>
    private static ImmutableArray<InvoiceLine> ChangeLines(Subscription before, Tier beforeTier, Subscription after, Tier afterTier, DateTimeOffset now)
    {
        var currency = before.Currency;
        var period = before.CurrentPeriod;
        if (after.Cycle == before.Cycle && after.Tier == before.Tier)
        {
            var added = Proration.RestOfPeriod(afterTier, after.Cycle, after.Seats.Value - before.Seats.Value, currency, period, now);
            return added is null ? [] : [added];
        }

        var credit = Proration.CreditRestOfPeriod(beforeTier, before.Cycle, before.Seats.Value, currency, period, now);
        var charge = after.Cycle == before.Cycle
            ? Proration.RestOfPeriod(afterTier, after.Cycle, after.Seats.Value, currency, period, now)
            : Proration.FullPeriod(afterTier, after.Cycle, after.Seats, currency, after.CurrentPeriod);
        return [.. new[] { charge, credit }.OfType<InvoiceLine>()];
    }
}
