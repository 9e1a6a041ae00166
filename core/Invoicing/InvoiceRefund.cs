using Billing.Core.Amounts;
using Billing.Core.Common;

namespace Billing.Core.Invoicing;

/// <summary>
/// Money given back on a paid invoice (V5): how much, under which credit note, and how it is known at the
/// provider or the bank: <see cref="ProviderRefund"/> is the provider's refund id of a refund made in its
/// dashboard (so its webhook, replayed, is recognized), <see cref="Reference"/> the bank's reference of a
/// bank-transfer refund sales made outside the system.
/// </summary>
public sealed record InvoiceRefund(InvoiceId CreditNote, Money Amount, DateTimeOffset At, string? ProviderRefund = null, string? Reference = null);
