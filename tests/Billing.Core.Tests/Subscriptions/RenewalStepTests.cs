using Billing.Core.Catalog;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Subscriptions;

/// <summary>How the renewal run's summary reads a step: by what the step changed, not by the audit it wrote.</summary>
public class RenewalStepTests
{
    private static readonly Caller Run = Caller.System("renewal-run");

    [Fact]
    [Trait("Rule", "R1")]
    public void A_step_that_starts_a_new_period_counts_as_renewed()
    {
        var state = Subscribed();
        var step = Renewals.Advance(state, At(state.Subscription!.RenewsAt));

        Assert.Equal(RenewalStep.Renewed, RenewalSteps.Of(state, step));
    }

    [Fact]
    [Trait("Rule", "C2")]
    public void A_plan_cancelled_at_its_period_end_counts_as_canceled_when_it_returns_to_basic()
    {
        var state = Cancellations.Cancel(Subscribed(), As(Alice), At(Now)).Ok().State;
        var step = Renewals.Advance(state, At(state.Subscription!.RenewsAt));

        Assert.Equal(RenewalStep.Canceled, RenewalSteps.Of(state, step));
    }

    [Fact]
    [Trait("Rule", "U10")]
    public void A_trial_that_runs_out_counts_as_canceled_and_its_ending_notice_counts_as_nothing()
    {
        var trial = Trials.Start(Space(), TierId.Parse("advanced"), SpaceSurroundings.None, As(Bob), At(Now)).Ok().State;
        var endsAt = trial.Trial!.EndsAt;

        var notice = Renewals.Advance(trial, At(endsAt.AddDays(-1)));
        Assert.False(notice.ChangesNothing);
        Assert.Equal(RenewalStep.Other, RenewalSteps.Of(trial, notice));
        Assert.Equal(RenewalStep.Canceled, RenewalSteps.Of(notice.State, Renewals.Advance(notice.State, At(endsAt))));
    }

    [Fact]
    [Trait("Rule", "R3")]
    public void A_second_attempt_at_a_failed_charge_counts_as_retried()
    {
        var state = Subscribed();
        var renewedAt = state.Subscription!.RenewsAt;
        var renewal = Renewals.Advance(state, At(renewedAt));
        var failed = ChargeOutcomes.Failed(renewal.State, Issued(renewal.Invoices().Single()), 1, Run, At(renewedAt)).Decision.State;

        var retry = Renewals.Advance(failed, At(failed.Subscription!.Dunning!.NextAttemptAt));

        Assert.Equal(RenewalStep.Retried, RenewalSteps.Of(failed, retry));
    }

    [Fact]
    [Trait("Rule", "R1")]
    public void A_step_that_changes_nothing_counts_as_nothing()
    {
        var state = Subscribed();

        Assert.Equal(RenewalStep.Other, RenewalSteps.Of(state, Renewals.Advance(state, At(Now))));
    }
}
