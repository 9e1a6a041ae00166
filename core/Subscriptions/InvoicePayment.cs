using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Core.Subscriptions;

/// <summary>
/// I1: payment by invoice is for annual plans of spaces with 20 or more members that count (by
/// default): the article says members, so seats bought beyond the members do not make a space eligible.
/// </summary>
internal static class InvoicePayment
{
    public static bool IsEligible(BillingPolicy policy, BillingCycle cycle, int membersThatCount) =>
        cycle == policy.InvoicePaymentCycle && membersThatCount >= policy.InvoicePaymentMinimumMembers;
}
