using Billing.Core.Invoicing;
using Billing.Core.Spaces;

namespace Billing.Functions.Views;

/// <summary>One receivable (API.md, I4): the invoice of a space, what is still due on it, when it was due, whether it is late now and by how many days.</summary>
public sealed record ReceivableView(string SpaceId, InvoiceView Invoice, MoneyView AmountDue, DateTimeOffset DueAt, bool Overdue, int DaysOverdue)
{
    public static ReceivableView Of(Invoice invoice, DateTimeOffset now, Caller caller) =>
        new(invoice.SpaceId.Value, InvoiceView.Of(invoice, now, caller), MoneyView.Of(invoice.AmountDue), invoice.Content.DueAt, invoice.IsOverdueAt(now), invoice.DaysOverdueAt(now));
}
