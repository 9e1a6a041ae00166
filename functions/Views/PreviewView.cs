using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;

namespace Billing.Functions.Views;

/// <summary>A priced proposal (U8): what would be charged now, and the next invoice at renewal.</summary>
public sealed record PreviewView(PreviewInvoiceView? DueNow, DateTimeOffset NextInvoiceAt, PreviewInvoiceView NextInvoice)
{
    public static PreviewView Of(PricePreview preview) => new(
        preview.DueNow is { } now ? new PreviewInvoiceView(now.Lines.Select(InvoiceLineView.Of).ToList(), MoneyView.Of(now.Subtotal), MoneyView.Of(now.Tax), MoneyView.Of(now.Total)) : null,
        preview.NextInvoiceAt,
        new PreviewInvoiceView(preview.NextInvoiceLines.Select(InvoiceLineView.Of).ToList(), null, null, MoneyView.Of(preview.NextInvoiceTotal)));
}

public sealed record PreviewInvoiceView(IReadOnlyList<InvoiceLineView> Lines, MoneyView? Subtotal, MoneyView? Tax, MoneyView Total);
