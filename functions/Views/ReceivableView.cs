using Billing.Core.Invoicing;

namespace Billing.Functions.Views;

/// <summary>One receivable (API.md, I4): the invoice of a space, what is still due on it, when it was due and whether it is late now.</summary>
public sealed record ReceivableView(string SpaceId, InvoiceView Invoice, MoneyView AmountDue, DateTimeOffset DueAt, bool Overdue)
{
    public static ReceivableView Of(Invoice invoice, DateTimeOffset now) =>
        new(invoice.SpaceId.Value, InvoiceView.Of(invoice, now), MoneyView.Of(invoice.AmountDue), invoice.Content.DueAt, invoice.IsOverdueAt(now));
}
