using Billing.Core.Calendar;
using Billing.Core.Catalog;

namespace Billing.Core.Subscriptions;

/// <summary>I1: payment by invoice is for annual plans of 20 seats or more (by default).</summary>
internal static class InvoicePayment
{
    public static bool IsEligible(BillingPolicy policy, BillingCycle cycle, SeatCount seats) =>
        cycle == policy.InvoicePaymentCycle && seats.Value >= policy.InvoicePaymentMinimumSeats;
}
