namespace Billing.Core.Subscriptions;

/// <summary>What a caller may do from the billing tab; the page offers these and nothing else (B1, B5).</summary>
public enum BillingAction
{
    Upgrade,
    StartTrial,
    StopTrial,
    ChangePlan,
    Cancel,
    Resume,
    TransferOwnership,
    EditBillingInfo,
    ChangePaymentMethod,
    ReadInvoices,
}
