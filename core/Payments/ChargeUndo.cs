namespace Billing.Core.Payments;

/// <summary>What giving back a charge that no stored decision keeps takes at its provider.</summary>
public enum ChargeUndo
{
    /// <summary>Nothing was taken, and nothing can be any more.</summary>
    Nothing,

    /// <summary>Money was taken (or is on its way): refund it.</summary>
    Refund,

    /// <summary>The payment is still open: cancel it, so that it can never complete.</summary>
    Cancel,
}
