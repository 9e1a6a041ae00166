using System.Globalization;
using System.Net;
using System.Text;

namespace Billing.Infra.Invoices;

/// <summary>The invoice as plain text and as HTML, for email bodies: the same words as the PDF.</summary>
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

        text.AppendLine(document.AmountsIn).AppendLine(CultureInfo.InvariantCulture, $"{document.Payment.Label}: {document.Payment.Value}");
        if (document.TransferNote is { } note)
        {
            text.AppendLine(note);
        }

        text.AppendLine().AppendLine(string.Join(", ", document.IssuerLines.Prepend(document.IssuerName)));
        return text.ToString();
    }

    public static string Html(InvoiceDocument document)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(document.Title)}</h2><table>");
        foreach (var fact in document.Facts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{E(fact.Label)}</th><td>{E(fact.Value)}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table><p><strong>{E(document.BillToLabel)}</strong><br>{string.Join("<br>", document.BillToLines.Select(E))}</p>");
        html.Append("<table cellpadding=\"4\"><tr>").Append(string.Concat(document.Columns.Select(c => $"<th align=\"left\">{E(c)}</th>"))).Append("</tr>");
        foreach (var line in document.Lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(line.Description)}<br><small>{E(line.Period)}</small></td><td align=\"right\">{E(line.Quantity)}</td>"
                + $"<td align=\"right\">{E(line.UnitPrice)}</td><td align=\"right\">{E(line.Amount)}</td></tr>");
        }

        html.Append("</table><table>");
        foreach (var total in document.Totals)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\">{E(total.Label)}</th><td align=\"right\">{E(total.Value)}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table><p>{E(document.AmountsIn)}</p><p><strong>{E(document.Payment.Label)}</strong>: {E(document.Payment.Value)}</p>");
        if (document.TransferNote is { } note)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(note)}</p>");
        }

        return html.Append(CultureInfo.InvariantCulture, $"<p><small>{E(string.Join(", ", document.IssuerLines.Prepend(document.IssuerName)))}</small></p>").ToString();
    }
}
