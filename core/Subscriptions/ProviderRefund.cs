using Billing.Core.Amounts;
using Billing.Core.Common;

namespace Billing.Core.Subscriptions;

/// <summary>
/// One refund a provider reports on a payment (Stripe's <c>charge.refunded</c>, PayPal's
/// <c>PAYMENT.CAPTURE.REFUNDED</c>): its id at the provider, how much, and the credit note it was made
/// for when it was made here (the metadata or custom id this app sends with its refunds); null for a
/// refund made in the provider's dashboard.
/// </summary>
public sealed record ProviderRefund(string Id, Money Amount, InvoiceId? CreditNote);
