using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Spaces;

namespace Billing.Core.Subscriptions;

/// <summary>
/// U8: any upgrade or change can be priced first without committing. A preview runs the very
/// decision it previews and then the renewal that would follow, so the figures cannot disagree.
/// </summary>
public static class Previews
{
    // A preview needs no payment method yet; it stands in for the one the upgrade will bring.
    private static readonly PaymentMethod NotChosenYet =
        PaymentMethod.Saved(PaymentProvider.Sandbox, "preview", new PaymentMethodSummary(null, null, null, null, null));

    /// <summary>
    /// What a preview assumes when it is asked without billing information (U8): a customer in the
    /// default currency's country (US) with no tax id, so the price is the catalog's, without tax.
    /// </summary>
    public static readonly BillingInfo AssumedBillingInfo =
        new("Preview", "preview@example.invalid", new PostalAddress("-", null, "-", null, null, "US"), null, Locale.English);

    public static Result<PricePreview> Upgrade(SpaceBilling state, UpgradeCommand command, Caller caller, DecisionContext context) =>
        From(Upgrades.Upgrade(state, command with { PaymentMethod = command.PaymentMethod ?? NotChosenYet }, caller, context), context);

    public static Result<PricePreview> Change(SpaceBilling state, ChangeCommand command, Caller caller, DecisionContext context) =>
        From(Changes.Change(state, command, caller, context), context);

    private static Result<PricePreview> From(Result<Decision> decided, DecisionContext context)
    {
        if (!decided.IsSuccess)
        {
            return decided.Error;
        }

        var decision = decided.Value;
        var subscription = decision.State.Subscription!;
        var renewal = Renewals.Advance(decision.State, context with { Now = subscription.RenewsAt });
        // A plan cancelled at period end has no next invoice.
        var next = renewal.Effects.OfType<IssueInvoice>().SingleOrDefault()?.Draft;
        return new PricePreview(
            decision.Effects.OfType<IssueInvoice>().FirstOrDefault()?.Draft,
            subscription.RenewsAt,
            next?.Lines ?? [],
            next?.Total ?? Money.Zero(subscription.Currency));
    }
}
