using System.Collections.Immutable;
using Billing.Core.Audit;
using Billing.Core.Calendar;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// What the renewal run does to one space (R1-R3, C2, N2, U10). <see cref="Advance"/> takes one
/// step of what is due; the run repeats it until nothing is due, so a space several periods behind
/// catches up each period once. Each step is stored before the next is decided, and each period's
/// invoice has an id derived from the period's start, so a period is never invoiced twice (R2).
/// </summary>
public static class Renewals
{
    private static readonly Caller RenewalRun = Caller.System("renewal-run");

    /// <summary>When the space next needs the renewal run, or null when it never will on its own: the key of the renewal index.</summary>
    public static DateTimeOffset? NextDueAt(SpaceBilling state, Catalog.BillingPolicy policy) => state.Plan switch
    {
        TrialPlan { Trial: var trial } => trial.EndingNoticeSent ? trial.EndsAt : trial.EndsAt.AddDays(-policy.TrialEndingNoticeDays),
        PaidPlan { Subscription: var subscription } => Earliest(
            subscription.Dunning switch
            {
                { AttemptInFlight: true } => null,
                { } dunning => dunning.NextAttemptAt,
                null => subscription.RenewsAt,
            },
            Reminders.NextAt(subscription, policy)),
        _ => null,
    };

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>
    /// When the renewal run must next look at a space just stored: its next step (<see cref="NextDueAt"/>),
    /// or at once (<paramref name="decidedAt"/>) while effects wait in its outbox, so that the run carries
    /// out what nobody else did (a process that died after the write). Null: never.
    /// </summary>
    public static DateTimeOffset? DueAt(SpaceBilling state, bool effectsPending, DateTimeOffset decidedAt, Catalog.BillingPolicy policy)
    {
        var next = NextDueAt(state, policy);
        return effectsPending && (next is null || next > decidedAt) ? decidedAt : next;
    }

    /// <summary>One step of what is due at <see cref="DecisionContext.Now"/>, or an unchanged decision when nothing is.</summary>
    public static Decision Advance(SpaceBilling state, DecisionContext context) => state.Plan switch
    {
        TrialPlan { Trial: var trial } => AdvanceTrial(state, trial, context),
        PaidPlan { Subscription: var subscription } when Reminders.RemindIfDue(state, subscription, context) is { } reminder => reminder,
        PaidPlan { Subscription: { Dunning: { } dunning } subscription } => RetryIfDue(state, subscription, dunning, context),
        PaidPlan { Subscription: var subscription } when context.Now >= subscription.RenewsAt => Renew(state, subscription, context),
        _ => Decision.Unchanged(state),
    };

    private static Decision AdvanceTrial(SpaceBilling state, Trial trial, DecisionContext context)
    {
        if (context.Now >= trial.EndsAt)
        {
            // U10: a trial that runs out without an upgrade returns the space to Basic.
            var ended = Notices.ToTrialStarter(state, trial, EmailKind.TrialEnded);
            return Trials.End(state, trial, RenewalRun, context, ended is null ? [] : [ended]);
        }

        if (!trial.EndingNoticeSent && context.Now >= trial.EndsAt.AddDays(-context.Catalog.Policy.TrialEndingNoticeDays))
        {
            var notice = Notices.ToTrialStarter(state, trial, EmailKind.TrialEnding);
            return new Decision(state with { Plan = new TrialPlan(trial with { EndingNoticeSent = true }) }, notice is null ? [] : [notice], []);
        }

        return Decision.Unchanged(state);
    }

    private static Decision RetryIfDue(SpaceBilling state, Subscription subscription, Dunning dunning, DecisionContext context)
    {
        if (dunning.AttemptInFlight || context.Now < dunning.NextAttemptAt)
        {
            return Decision.Unchanged(state);
        }

        var attempt = dunning.FailedAttempts + 1;
        var retrying = subscription with { Dunning = dunning with { AttemptInFlight = true } };
        return new Decision(
            state with { Plan = new PaidPlan(retrying) },
            [new ChargeLater(Charge.For(state.Space.Id, dunning.Invoice, dunning.Amount, subscription.PaymentMethod, attempt))],
            []);
    }

    private static Decision Renew(SpaceBilling state, Subscription subscription, DecisionContext context)
    {
        if (subscription.CancelAtPeriodEnd)
        {
            return End(state, subscription, EndReason.Cancelled, RenewalRun, context);
        }

        var catalog = context.Catalog;
        var renewed = ApplyScheduledChange(state, subscription, catalog);
        var tier = TierRules.Get(catalog, renewed.Tier);
        var period = renewed.CurrentPeriod;
        var line = Proration.FullPeriod(tier, renewed.Cycle, renewed.Seats, renewed.Currency, period);
        var draft = InvoiceDrafts.Create(state, renewed, renewed.RenewalInvoiceId(period.Start), InvoiceKind.Renewal, period, [line], context);
        renewed = renewed with { PeriodTaxation = draft.Taxation };
        var next = state with { Plan = new PaidPlan(renewed) };
        return Reminders.AwaitTransfers(new Decision(
            next,
            InvoiceDrafts.IssueAndChargeLater(next, renewed, draft),
            [AuditTrail.Record(state, RenewalRun, context, AuditAction.SubscriptionRenewed, subscription, renewed)]));
    }

    /// <summary>
    /// R1: scheduled changes first. Seats never drop below the members that count at that moment
    /// (N2); a new cycle starts a new anchor at the renewal date.
    /// </summary>
    private static Subscription ApplyScheduledChange(SpaceBilling state, Subscription subscription, Catalog.PriceCatalog catalog)
    {
        var change = subscription.ScheduledChange;
        var seats = change?.Seats ?? subscription.Seats;
        if (SeatRules.FewestCovering(catalog.Ladder, state.MembersThatCount(subscription.RenewsAt)) is { } fewest && fewest > seats)
        {
            seats = fewest;
        }

        var cycle = change?.Cycle ?? subscription.Cycle;
        var renewed = subscription with { Tier = change?.Tier ?? subscription.Tier, Seats = seats, ScheduledChange = null };
        return cycle == subscription.Cycle
            ? renewed with { PeriodIndex = subscription.PeriodIndex + 1 }
            : renewed with { Cycle = cycle, Anchor = new BillingAnchor(subscription.RenewsAt), PeriodIndex = 0 };
    }

    /// <summary>The paid plan ends and the space returns to Basic; the subscription is kept (C3).</summary>
    internal static Decision End(SpaceBilling state, Subscription subscription, EndReason reason, Caller caller, DecisionContext context)
    {
        var ended = new EndedSubscription(subscription with { Dunning = null }, context.Now, reason);
        var next = state with { Plan = BasicPlan.Instance, PastSubscriptions = state.PastSubscriptions.Add(ended) };
        return new Decision(
            next,
            [Notices.ToBillingOwner(state, subscription, EmailKind.PlanEnded, subscription.Dunning?.Invoice)],
            [AuditTrail.Record(state, caller, context, AuditAction.SubscriptionEnded, subscription, ended)]);
    }
}
