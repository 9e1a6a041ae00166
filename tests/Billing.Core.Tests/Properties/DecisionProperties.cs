using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
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
    /// Whatever a space goes through (every command of core with any tier, cycle, seat count, actor
    /// and payment outcome, with time moving forward by minutes to a year between steps and renewal
    /// runs at the time they happen), no state breaks an invariant, and over the whole story the
    /// money invoiced for each subscription is what the periods cost: each period invoiced once
    /// (R2), what was held segment by segment until the period's end, prorated (M2, N1, C1).
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(Stories)])]
    [Trait("Rule", "R2")]
    [Trait("Rule", "M2")]
    [Trait("Rule", "N2")]
    [Trait("Rule", "R1")]
    [Trait("Rule", "R3")]
    [Trait("Rule", "C3")]
    public void No_sequence_of_decisions_breaks_an_invariant(Beat[] script)
    {
        var story = new Story();
        foreach (var step in script)
        {
            story.Play(step);
        }

        story.InvoicedWhatThePeriodsCost();
    }

    /// <summary>One beat of a story: <see cref="Wait"/> passes, then a command runs with its choices (decoded by <see cref="Story.Play"/>).</summary>
    public sealed record Beat(int Command, int Choice, int Seats, int Outcome, TimeSpan Wait);

    /// <summary>Stories of any length whose steps are a few seconds to a year apart, so periods end, renew and pile up.</summary>
    public static class Stories
    {
        // Members joining, upgrades, changes and renewal runs more often than the rest, so that most stories have a plan to live.
        private static readonly int[] Commands = [0, 0, 0, 1, 2, 2, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9, 9, 9];

        public static Arbitrary<Beat[]> Scripts()
        {
            var wait = Gen.Frequency(
                (2, Gen.Constant(TimeSpan.Zero)),
                (3, Gen.Choose(1, 600).Select(m => TimeSpan.FromMinutes(m))),
                (3, Gen.Choose(1, 720).Select(h => TimeSpan.FromHours(h))),
                (3, Gen.Choose(1, 45).Select(d => TimeSpan.FromDays(d))),
                (1, Gen.Choose(46, 400).Select(d => TimeSpan.FromDays(d))));
            var step =
                from command in Gen.Elements(Commands)
                from choice in Gen.Choose(0, 255)
                from seats in Gen.Choose(0, 255)
                from outcome in Gen.Choose(0, 255)
                from pause in wait
                select new Beat(command, choice, seats, outcome, pause);
            return Gen.Sized(size => Gen.Choose(1, 10 + size).SelectMany(length => step.ArrayOf(length))).ToArbitrary();
        }
    }

    /// <summary>One space's story, played decision by decision, checking every state it reaches.</summary>
    private sealed class Story
    {
        private static readonly UserId[] People = [Alice, Bob, Carol, .. new[] { "dave", "erin", "frank", "grace", "heidi", "ivan", "judy" }.Select(UserId.Parse)];
        private static readonly string[] AnyTier = [.. TierIds, "premium"]; // a legacy tier, not on sale (U1)

        private readonly Dictionary<InvoiceId, Invoice> _invoices = [];
        private readonly Dictionary<SubscriptionId, List<(DateTimeOffset At, Subscription Held)>> _held = [];
        private SpaceBilling _state = Space(members: 3);
        private DateTimeOffset _now = Now;
        private long _sequence;

        public void Play(Beat step)
        {
            var (command, choice, seats, outcome, wait) = step;
            _now += wait;
            var person = People[choice % People.Length];
            var owner = _state.Subscription?.BillingOwner ?? person;
            var actor = As(choice % 4 == 0 ? person : owner);
            var at = At(_now);
            switch (command % 12)
            {
                case 0:
                    var joining = choice % 3 == 0 ? person : People.FirstOrDefault(p => !_state.IsMember(p), person);
                    Apply(SpaceDirectory.PutMember(_state, new Member(joining, $"{joining}@x.test", null, MemberRole.Member, null), DirectoryService, at), outcome);
                    break;
                case 1:
                    Apply(SpaceDirectory.RemoveMember(_state, person, DirectoryService, at), outcome);
                    break;
                case 2:
                    var byInvoice = outcome % 7 == 0;
                    var upgrade = new UpgradeCommand(
                        TierId.Parse(AnyTier[choice % AnyTier.Length]), CycleOf(choice / 8), SeatsOf(seats), person, BillingInfo(),
                        byInvoice ? PaymentMethod.ByInvoice : (choice % 3 == 0 ? PayPal : Card), SpaceSurroundings.None);
                    Apply(Upgrades.Upgrade(_state, upgrade, byInvoice ? Sales : As(person), at), outcome);
                    break;
                case 3:
                    var change = new ChangeCommand(
                        (choice % 3) == 0 ? null : TierId.Parse(AnyTier[(choice / 3) % AnyTier.Length]),
                        (seats % 3) switch { 0 => null, 1 => BillingCycle.Monthly, _ => BillingCycle.Annual },
                        outcome % 4 == 0 ? null : SeatsOf(seats));
                    Apply(Changes.Change(_state, change, _state.Subscription?.IsPaidByInvoice == true && outcome % 2 == 0 ? Sales : actor, at), outcome);
                    break;
                case 4:
                    Apply(Cancellations.Cancel(_state, actor, at), outcome);
                    break;
                case 5:
                    Apply(Cancellations.Resume(_state, SpaceSurroundings.None, actor, at), outcome);
                    break;
                case 6:
                    Apply(Ownership.TransferBillingOwner(_state, person, actor, at), outcome);
                    break;
                case 7:
                    Apply(Trials.Start(_state, TierId.Parse(AnyTier[choice % AnyTier.Length]), SpaceSurroundings.None, As(person), at), outcome);
                    break;
                case 8:
                    Apply(choice % 2 == 0 ? Trials.Cancel(_state, As(person), at) : Ownership.SwitchPaymentMethod(_state, choice % 3 == 0 ? PayPal : Card, actor, at), outcome);
                    break;
                default:
                    RunRenewals(outcome);
                    break;
            }
        }

        /// <summary>The renewal run at this moment: it advances the space until nothing more is due (R1), as the run does.</summary>
        private void RunRenewals(int outcome)
        {
            for (var steps = 0; ; steps++)
            {
                Assert.True(steps < 1_000, "The renewal run never finishes.");
                var decision = Renewals.Advance(_state, At(_now));
                if (decision.ChangesNothing && decision.State == _state)
                {
                    return;
                }

                Accept(decision);
                foreach (var charge in decision.Charges())
                {
                    // A charge taken later: the provider's answer comes back as an outcome (R3).
                    var invoice = _invoices[charge.Invoice];
                    var (answered, updated) = (outcome % 3) switch
                    {
                        0 => ChargeOutcomes.Failed(_state, invoice, charge.Attempt, Caller.System("payments"), At(_now)),
                        1 => ChargeOutcomes.RequiresAction(_state, invoice, charge.Attempt, null, Caller.System("payments"), At(_now)),
                        _ => ChargeOutcomes.Succeeded(_state, invoice, Caller.System("payments"), At(_now)),
                    };
                    Settle(invoice, updated);
                    Accept(answered);
                    Assert.Empty(answered.Charges());
                }

                outcome = (outcome * 31) + 7;
            }
        }

        /// <summary>A request's decision: its charge is taken at once; a declined one leaves nothing behind (payment_failed).</summary>
        private void Apply(Result<Decision> decided, int outcome)
        {
            if (!decided.IsSuccess)
            {
                return;
            }

            var decision = decided.Value;
            if (!decision.Charges().IsEmpty && outcome % 5 == 0)
            {
                return;
            }

            Accept(decision);
            foreach (var charge in decision.Charges())
            {
                Assert.Equal(1, charge.Attempt);
                var invoice = _invoices[charge.Invoice];
                Assert.Equal(invoice.Total, charge.Amount);
                var (paid, updated) = ChargeOutcomes.Succeeded(_state, invoice, Caller.System("payments"), At(_now));
                Settle(invoice, updated);
                Accept(paid);
            }
        }

        private void Accept(Decision decision)
        {
            foreach (var draft in decision.Invoices())
            {
                Assert.True(_invoices.TryAdd(draft.Id, Issued(draft, ++_sequence)), $"Invoice {draft.Id} issued twice (R2).");
                Assert.Equal(_now, draft.IssuedAt);
            }

            var before = _state;
            _state = decision.State;
            Holds(before, _state);
        }

        private void Settle(Invoice before, Invoice after)
        {
            Assert.True(
                before.Status == after.Status || (before.Status, after.Status) is
                    (InvoiceStatus.Open, InvoiceStatus.Paid) or (InvoiceStatus.Open, InvoiceStatus.PastDue) or (InvoiceStatus.PastDue, InvoiceStatus.Paid),
                $"Invoice {before.Id} moved from {before.Status} to {after.Status}.");
            _invoices[before.Id] = after;
        }

        private void Holds(SpaceBilling before, SpaceBilling after)
        {
            Assert.True(
                before.Status == after.Status || (before.Status, after.Status) is
                    (SubscriptionStatus.Basic, SubscriptionStatus.Trialing) or (SubscriptionStatus.Basic, SubscriptionStatus.Active)
                    or (SubscriptionStatus.Trialing, SubscriptionStatus.Active) or (SubscriptionStatus.Trialing, SubscriptionStatus.Basic)
                    or (SubscriptionStatus.Active, SubscriptionStatus.PastDue) or (SubscriptionStatus.PastDue, SubscriptionStatus.Active)
                    or (SubscriptionStatus.Active, SubscriptionStatus.Basic) or (SubscriptionStatus.PastDue, SubscriptionStatus.Basic),
                $"The space moved from {before.Status} to {after.Status}.");

            // C3: history only grows, and an ended subscription never comes back (U7).
            Assert.True(after.PastSubscriptions.Take(before.PastSubscriptions.Length).SequenceEqual(before.PastSubscriptions), "A past subscription changed or vanished.");
            Assert.True(before.Subscription is not { } was || after.Subscription?.Id == was.Id || after.PastSubscriptions.Any(p => p.Subscription.Id == was.Id));
            Assert.DoesNotContain(after.PastSubscriptions, p => p.Subscription.Id == after.Subscription?.Id);
            Assert.True(!before.TrialUsed || after.TrialUsed, "The one trial became available again (U10).");

            if (after.Subscription is not { } subscription)
            {
                return;
            }

            // U4, U9, B3, N2: seats on the ladder and never below the rung covering the members; the owner a member.
            Assert.True(Catalog.Ladder.IsOffered(subscription.Seats.Value), $"{subscription.Seats} seats are not on the ladder.");
            Assert.True(subscription.Seats >= Catalog.Ladder.SmallestOfferedAtLeast(Math.Max(1, after.MembersCountedIn(subscription))), $"{subscription.Seats} seats for {after.MembersCountedIn(subscription)} members.");
            Assert.True(after.IsMember(subscription.BillingOwner), "The billing owner is not a member.");
            Assert.Null(after.Trial);
            Assert.True(subscription.ScheduledChange?.Seats is not { } scheduled || Catalog.Ladder.IsOffered(scheduled.Value));
            Assert.True(subscription.ScheduledChange?.Seats is not { } fewer || fewer < subscription.Seats, "A scheduled reduction that reduces nothing.");

            var held = _held.TryGetValue(subscription.Id, out var list) ? list : _held[subscription.Id] = [];
            if (held.Count > 0 && held[^1].Held is var last && last != subscription)
            {
                // R1: renewal dates only move forward, and a new period starts where the last one ended,
                // or now for a move to a longer cycle (C1).
                Assert.True(subscription.RenewsAt >= last.RenewsAt, $"The renewal date moved back from {last.RenewsAt:O} to {subscription.RenewsAt:O}.");
                var period = subscription.CurrentPeriod;
                Assert.True(
                    period == last.CurrentPeriod || period.Start == last.RenewsAt
                    || (period.Start == _now && last.Cycle == BillingCycle.Monthly && subscription.Cycle == BillingCycle.Annual),
                    $"Period {period.Start:O} follows {last.CurrentPeriod.Start:O}..{last.RenewsAt:O} at {_now:O}.");
            }

            if (held.Count == 0 || held[^1].Held != subscription)
            {
                held.Add((_now, subscription));
            }
        }

        /// <summary>
        /// Each subscription's invoices add up to what its periods cost: every period it entered, paid
        /// for what was held segment by segment (a change pays the rest of the period at once, so the
        /// last segment runs to the period's end, or to the moment a longer cycle replaced it), within
        /// one minor unit of rounding per line; each period's plan line invoiced once (R2).
        /// </summary>
        public void InvoicedWhatThePeriodsCost()
        {
            foreach (var (id, held) in _held)
            {
                decimal cost = 0;
                for (var i = 0; i < held.Count; i++)
                {
                    var (at, subscription) = held[i];
                    var period = subscription.CurrentPeriod;
                    var from = i == 0 || held[i - 1].Held.CurrentPeriod != period ? period.Start : at;
                    var to = i + 1 < held.Count && held[i + 1].At < period.End ? held[i + 1].At : period.End;
                    var seconds = Math.Max(0, (long)(to - from).TotalSeconds);
                    var price = Catalog.FindTier(subscription.Tier)!.SeatPrice(subscription.Cycle, subscription.Currency).Amount;
                    cost += (decimal)price * subscription.Seats.Value * seconds / (long)period.Length.TotalSeconds;
                }

                var lines = _invoices.Values.Where(i => i.Content.SubscriptionId == id).SelectMany(i => i.Content.Lines).ToList();
                var invoiced = lines.Sum(l => l.Amount.Amount);
                Assert.True(Math.Abs(invoiced - cost) <= lines.Count, $"Subscription {id} was invoiced {invoiced} for periods that cost {cost:0.##}.");

                var planLines = lines.Where(l => l.Kind == InvoiceLineKind.Plan).Select(l => l.Period).ToList();
                Assert.Equal(planLines.Count, planLines.Distinct().Count());
            }
        }

        /// <summary>A rung just covering the members (often fewer than held), a rung above what is held, any count, or any rung.</summary>
        private SeatCount SeatsOf(int seats)
        {
            var members = Math.Max(1, _state.Members.Count);
            var held = _state.Subscription?.Seats.Value ?? members;
            return (seats % 4) switch
            {
                0 => Catalog.Ladder.SmallestOfferedAtLeast(members + (seats / 64))!.Value,
                1 => Catalog.Ladder.SmallestOfferedAtLeast(held + 1 + (seats / 16))!.Value,
                2 => SeatCount.Of(1 + (seats % 60)),
                _ => Catalog.Ladder.SmallestOfferedAtLeast(1 + seats)!.Value,
            };
        }

        private static BillingCycle CycleOf(int choice) => choice % 2 == 0 ? BillingCycle.Monthly : BillingCycle.Annual;
    }
}
