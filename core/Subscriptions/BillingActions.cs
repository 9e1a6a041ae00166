using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// The actions a caller may take on a space's billing, by the same rules the decisions enforce, so
/// that the billing tab shows no action the API would refuse for who the caller is (B1, B5, U10, I2).
/// Rules that depend on other spaces (U6) or on the catalog are left to the decision's answer.
/// </summary>
public static class BillingActions
{
    public static IReadOnlyList<BillingAction> For(SpaceBilling state, Caller caller)
    {
        var actions = new List<BillingAction>();
        if (caller.User is not { } user || !state.IsMember(user))
        {
            return actions;
        }

        switch (state.Plan)
        {
            case PaidPlan { Subscription: var subscription } when subscription.BillingOwner == user:
                // I2: on a plan paid by invoice, the owner's self-serve changes go through sales.
                if (!subscription.IsPaidByInvoice)
                {
                    actions.Add(BillingAction.ChangePlan);
                    actions.Add(subscription.CancelAtPeriodEnd ? BillingAction.Resume : BillingAction.Cancel);
                    actions.Add(BillingAction.ChangePaymentMethod);
                }

                actions.AddRange([BillingAction.TransferOwnership, BillingAction.EditBillingInfo]);
                break;
            case PaidPlan:
                break;
            case TrialPlan { Trial: var trial }:
                actions.Add(BillingAction.Upgrade);
                if (Trials.MayStop(state, trial, user))
                {
                    actions.Add(BillingAction.StopTrial);
                }

                break;
            default:
                actions.Add(BillingAction.Upgrade);
                if (!state.TrialUsed)
                {
                    actions.Add(BillingAction.StartTrial);
                }

                break;
        }

        if (Access.RequireBillingHistoryReader(state, caller) is null)
        {
            actions.Add(BillingAction.ReadInvoices);
        }

        return actions;
    }
}
