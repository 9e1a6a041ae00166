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

    /// <summary>A member told of a change that concerns them as a person (B8: the old and the new billing owner), in their language.</summary>
    public static SendEmail ToMember(SpaceBilling state, Subscription subscription, UserId user, EmailKind kind)
    {
        var member = state.Members[user];
        return new SendEmail(kind, user, member.Email, member.Locale ?? subscription.BillingInfo.Locale, null);
    }
}
