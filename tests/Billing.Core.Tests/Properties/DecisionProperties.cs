using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Xunit;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Properties;

public class DecisionProperties
{
    private static readonly PriceCatalog Catalog = PriceCatalog.Default;
    private static readonly string[] TierIds = ["starter", "advanced", "enterprise", "enterprise_plus"];

    /// <summary>
    /// M2, N1, C1: whatever immediate changes happen within a period (more seats, higher tiers), the
    /// lines invoiced for it add up to the price of what was held, segment by segment, within one
    /// minor unit per line; nothing is charged twice.
    /// </summary>
    [Property(MaxTest = 200)]
    [Trait("Rule", "M2")]
    public bool Charges_within_a_period_add_up_to_the_price_of_what_was_held((PositiveInt Seconds, byte Step, bool RaiseTier)[] changes, bool annual)
    {
        var cycle = annual ? BillingCycle.Annual : BillingCycle.Monthly;
        var state = Subscribed("starter", cycle, seats: 2, members: 2);
        var period = state.Subscription!.CurrentPeriod;
        var total = (long)period.Length.TotalSeconds;
        var lines = Upgrades.Upgrade(Space(members: 2), Upgrade("starter", cycle, 2), As(Alice), At(Now)).Value.Invoices().SelectMany(i => i.Lines).ToList();
        var held = new List<(long From, Tier Tier, int Seats)> { (0, Catalog.FindTier(state.Subscription.Tier)!, 2) };

        var offsets = changes.Select(c => (long)(c.Seconds.Get % total)).Order().ToList();
        var index = 0;
        foreach (var change in changes.Take(offsets.Count))
        {
            var at = period.Start.AddSeconds(offsets[index++]);
            var subscription = state.Subscription!;
            var seats = Catalog.Ladder.SmallestOfferedAtLeast(subscription.Seats.Value + 1 + (change.Step % 20));
            var tierIndex = Array.IndexOf(TierIds, subscription.Tier.Value);
            var tier = change.RaiseTier && tierIndex < TierIds.Length - 1 ? TierIds[tierIndex + 1] : subscription.Tier.Value;
            var decided = Changes.Change(state, Change(tier, null, seats!.Value.Value), As(Alice), At(at));
            if (!decided.IsSuccess)
            {
                return false;
            }

            state = decided.Value.State;
            lines.AddRange(decided.Value.Invoices().SelectMany(i => i.Lines));
            held.Add(((long)(at - period.Start).TotalSeconds, Catalog.FindTier(state.Subscription!.Tier)!, state.Subscription.Seats.Value));
        }

        // The exact price of what was held: each segment's seats x seat price x its share of the period.
        decimal exact = 0;
        for (var i = 0; i < held.Count; i++)
        {
            var to = i + 1 < held.Count ? held[i + 1].From : total;
            exact += (decimal)held[i].Tier.SeatPrice(cycle, Billing.Core.Amounts.Currency.Usd).Amount * held[i].Seats * (to - held[i].From) / total;
        }

        var charged = lines.Sum(l => l.Amount.Amount);
        return Math.Abs(charged - exact) <= lines.Count;
    }

    /// <summary>
    /// No decision produces a state that breaks an invariant: seats on the ladder and never below the
    /// members that count, at most one plan, a billing owner who is a member, history that only grows,
    /// and one invoice per period (R2) — whatever sequence of commands, times and payment outcomes.
    /// </summary>
    [Property(MaxTest = 150)]
    [Trait("Rule", "R2")]
    public bool No_sequence_of_decisions_breaks_an_invariant(byte[] script)
    {
        var state = Space(members: 3);
        var now = Now;
        var invoices = new Dictionary<InvoiceId, Invoice>();
        var renewalIds = new HashSet<InvoiceId>();
        var sequence = 0L;
        var people = new[] { Alice, Bob, Carol, UserId.Parse("dave"), UserId.Parse("erin") };
        foreach (var op in script)
        {
            now = now.AddHours(1 + (op % 7) * 37);
            var person = people[op % people.Length];
            Result<Decision> decided = (op % 12) switch
            {
                0 => SpaceDirectory.PutMember(state, new Member(person, $"{person}@x.test", null, MemberRole.Member, null), DirectoryService, At(now)),
                1 => SpaceDirectory.RemoveMember(state, person, DirectoryService, At(now)),
                2 => Upgrades.Upgrade(state, Upgrade(TierIds[op % 4], op % 3 == 0 ? BillingCycle.Annual : BillingCycle.Monthly, Catalog.Ladder.SmallestOfferedAtLeast(Math.Max(1, state.MembersThatCount - 3 + (op % 7)))!.Value.Value, person), As(person), At(now)),
                3 => Changes.Change(state, Change(seats: Catalog.Ladder.SmallestOfferedAtLeast(1 + (op % 40))!.Value.Value), As(state.Subscription?.BillingOwner ?? person), At(now)),
                4 => Changes.Change(state, Change(tier: TierIds[op % 4], cycle: op % 2 == 0 ? BillingCycle.Monthly : BillingCycle.Annual), As(state.Subscription?.BillingOwner ?? person), At(now)),
                5 => Cancellations.Cancel(state, As(state.Subscription?.BillingOwner ?? person), At(now)),
                6 => Cancellations.Resume(state, As(state.Subscription?.BillingOwner ?? person), At(now)),
                7 => Ownership.TransferBillingOwner(state, person, As(state.Subscription?.BillingOwner ?? person), At(now)),
                8 => Trials.Start(state, TierId.Parse("advanced"), SpaceSurroundings.None, As(person), At(now)),
                _ => Renewals.Advance(state, At(now.AddDays(op))),
            };
            if (!decided.IsSuccess)
            {
                continue;
            }

            var decision = decided.Value;
            foreach (var draft in decision.Invoices())
            {
                if (!invoices.TryAdd(draft.Id, Issued(draft, ++sequence)) || (draft.Kind == InvoiceKind.Renewal && !renewalIds.Add(draft.Id)))
                {
                    return false; // an invoice id issued twice: a period invoiced twice
                }
            }

            var pastBefore = state.PastSubscriptions.Length;
            state = decision.State;
            foreach (var charge in decision.Charges())
            {
                var invoice = invoices[charge.Invoice];
                (decision, var updated) = op % 5 == 0
                    ? ChargeOutcomes.Failed(state, invoice, charge.Attempt, Caller.System("test"), At(now))
                    : ChargeOutcomes.Succeeded(state, invoice, Caller.System("test"), At(now));
                invoices[charge.Invoice] = updated;
                state = decision.State;
            }

            if (!Holds(state) || state.PastSubscriptions.Length < pastBefore)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(SpaceBilling state)
    {
        if (state.Plan is PaidPlan { Subscription: var subscription })
        {
            return Catalog.Ladder.IsOffered(subscription.Seats.Value)
                && subscription.Seats.Value >= state.MembersThatCount
                && state.IsMember(subscription.BillingOwner)
                && state.Trial is null
                && (subscription.ScheduledChange?.Seats is not { } scheduled || Catalog.Ladder.IsOffered(scheduled.Value));
        }

        return state.Subscription is null;
    }
}
