using System.Globalization;
using Billing.Core.Common;

namespace Billing.Core.Payments;

/// <summary>
/// Idempotency keys for charges, derived from the invoice (R2): a repeated attempt is never a second
/// charge. Each retry of the dunning schedule is a new attempt with its own key, since providers
/// replay the first answer for a key they have seen.
/// </summary>
public static class ChargeKeys
{
    public static string For(SpaceId space, InvoiceId invoice, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return string.Create(CultureInfo.InvariantCulture, $"charge:{space}:{invoice}:{attempt}");
    }
}
