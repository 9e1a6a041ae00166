using System.Globalization;
using Billing.Core.Common;
using Billing.Core.Effects;

namespace Billing.Infra.Payments;

/// <summary>Which charge a provider's payment belongs to: written into the payment's metadata when charging, read back from its events.</summary>
public sealed record ChargeReference(SpaceId Space, InvoiceId Invoice, int Attempt)
{
    public static ChargeReference Of(Charge charge) => new(charge.Space, charge.Invoice, charge.Attempt);

    public static ChargeReference? From(string? space, string? invoice, string? attempt) =>
        SpaceId.TryParse(space, out var s) && InvoiceId.TryParse(invoice, out var i)
            ? new ChargeReference(s, i, int.TryParse(attempt, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a >= 1 ? a : 1)
            : null;

    /// <summary>One text for providers that carry a single custom field (PayPal's <c>custom_id</c>, at most 127 characters).</summary>
    public string ToCustomId() => string.Create(CultureInfo.InvariantCulture, $"{Space}|{Invoice}|{Attempt}");

    public static ChargeReference? FromCustomId(string? customId) =>
        customId?.Split('|') is [var space, var invoice, var attempt] ? From(space, invoice, attempt) : null;
}
