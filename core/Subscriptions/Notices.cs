using Billing.Core.Common;
using Billing.Core.Effects;

namespace Billing.Core.Subscriptions;

/// <summary>Emails go to the billing owner and nobody else (B4), in their language (V4).</summary>
internal static class Notices
{
    public static SendEmail ToBillingOwner(SpaceBilling state, Subscription subscription, EmailKind kind, InvoiceId? invoice)
    {
        var owner = state.Members.GetValueOrDefault(subscription.BillingOwner);
        return new SendEmail(
            kind,
            subscription.BillingOwner,
            owner?.Email ?? subscription.BillingInfo.Email,
            owner?.Locale ?? subscription.BillingInfo.Locale,
            invoice);
    }

    /// <summary>A trial has no billing owner yet: its notices go to the member who started it, while they are one.</summary>
    public static SendEmail? ToTrialStarter(SpaceBilling state, Trial trial, EmailKind kind)
    {
        var starter = state.Members.GetValueOrDefault(trial.StartedBy);
        return starter is null
            ? null
            : new SendEmail(kind, starter.UserId, starter.Email, starter.Locale ?? state.Space.Locale ?? Locale.English, null);
    }
}
