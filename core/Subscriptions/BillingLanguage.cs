using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>
/// The language of a space's billing information when a request names none (V4: invoices and emails
/// speak the billing owner's language): the one it already speaks, else the billing owner's own (their
/// member locale), else the space's, else English. One rule for the upgrade and for later updates.
/// </summary>
public static class BillingLanguage
{
    public static Locale Of(Locale? requested, SpaceBilling state, UserId? billingOwner) =>
        requested
        ?? state.Subscription?.BillingInfo.Locale
        ?? (billingOwner is { } owner ? state.Members.GetValueOrDefault(owner)?.Locale : null)
        ?? state.Space.Locale
        ?? Locale.English;
}
