using System.Globalization;
using System.Text;

namespace Billing.Infra.Invoices;

/// <summary>The invoice as plain text, for the text part of emails: the same words as the PDF.</summary>
public static class InvoiceText
{
    public static string Plain(InvoiceDocument document)
    {
        var text = new StringBuilder();
        text.AppendLine(document.Title).AppendLine();
        foreach (var fact in document.Facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{fact.Label}: {fact.Value}");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{document.BillToLabel}:");
        foreach (var line in document.BillToLines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        }

        text.AppendLine();
        foreach (var line in document.Lines)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line.Description} ({line.Period}): {line.Quantity} × {line.UnitPrice} = {line.Amount}");
        }

        text.AppendLine();
        foreach (var total in document.Totals)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{total.Label}: {total.Value}");
        }

        if (document.TaxNote is { } taxNote)
        {
            text.AppendLine(taxNote);
        }

        text.AppendLine(document.AmountsIn).AppendLine(CultureInfo.InvariantCulture, $"{document.Payment.Label}: {document.Payment.Value}");
        if (document.TransferNote is { } note)
        {
            text.AppendLine(note);
        }

        text.AppendLine().AppendLine(string.Join(", ", document.IssuerLines.Prepend(document.IssuerName)));
        return text.ToString();
    }
}
