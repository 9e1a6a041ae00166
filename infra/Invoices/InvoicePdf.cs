using Billing.Core.Invoicing;
using Billing.Infra.Issuing;
using SkiaSharp;

namespace Billing.Infra.Invoices;

/// <summary>
/// Draws an invoice as a PDF with SkiaSharp's PDF backend: A4, or US Letter for the US and Canada;
/// issuer, facts, bill-to, the lines table, totals and payment (V2), in the reader's language (V4).
/// Long invoices continue on further pages with the table header repeated and page numbers. The
/// same invoice always gives the same bytes: the metadata dates are the issue date.
/// </summary>
public sealed class InvoicePdf : IInvoicePdfRenderer
{
    private const float Margin = 48;
    private const float RowHeight = 26;
    private const float TableHeaderHeight = 20;
    private const float FooterSpace = 44;

    public byte[] RenderPdf(Invoice invoice) => Render(InvoiceDocument.Of(invoice));

    public static byte[] Render(InvoiceDocument document)
    {
        var (width, height) = document.UsLetter ? (612f, 792f) : (595f, 842f);
        var pages = Paginate(document, height);
        using var output = new MemoryStream();
        using (var stream = new SKManagedWStream(output))
        {
            var metadata = new SKDocumentPdfMetadata
            {
                Title = document.Title,
                Author = document.Author,
                Subject = document.Title,
                Creator = "Billing",
                Producer = "Billing (SkiaSharp PDF)",
                Creation = document.IssuedAt.UtcDateTime,
                Modified = document.IssuedAt.UtcDateTime,
                RasterDpi = 72,
            };
            using var pdf = SKDocument.CreatePdf(stream, metadata);
            for (var index = 0; index < pages.Count; index++)
            {
                var canvas = new PdfCanvas(pdf.BeginPage(width, height));
                DrawPage(canvas, document, pages[index], index + 1, pages.Count, width, height);
                pdf.EndPage();
            }

            pdf.Close();
        }

        return output.ToArray();
    }

    /// <summary>Which lines go on which page, and where the totals fall.</summary>
    private static List<PagePlan> Paginate(InvoiceDocument document, float height)
    {
        var pages = new List<PagePlan>();
        var bottom = height - Margin - FooterSpace;
        var first = 0;
        var top = FirstPageTableTop(document);
        while (true)
        {
            var fits = (int)Math.Max(0, Math.Floor((bottom - top - TableHeaderHeight) / RowHeight));
            var count = Math.Min(fits, document.Lines.Count - first);
            var tableEnd = top + TableHeaderHeight + (count * RowHeight);
            var last = first + count == document.Lines.Count;
            var totalsFit = last && tableEnd + ClosingHeight(document) <= bottom;
            pages.Add(new PagePlan(first, count, ShowTable: count > 0 || pages.Count == 0, Closing: totalsFit));
            first += count;
            if (totalsFit)
            {
                return pages;
            }

            top = Margin + 40; // continuation pages: a compact header, then the table again
            if (last)
            {
                pages.Add(new PagePlan(first, 0, ShowTable: false, Closing: true));
                return pages;
            }
        }
    }

    private static float FirstPageTableTop(InvoiceDocument document)
    {
        var issuerBottom = Margin + 34 + (document.IssuerLines.Count * 11);
        var factsBottom = Margin + 34 + (document.Facts.Count * 14);
        return Math.Max(issuerBottom, factsBottom) + 22 + 14 + (document.BillToLines.Count * 13) + 22;
    }

    private static float ClosingHeight(InvoiceDocument document) =>
        16 + (document.Totals.Count * 16) + 16 + 30 + (document.TransferNote is null ? 0 : 60) + (document.TaxNote is null ? 0 : 30) + 16;

    private static void DrawPage(PdfCanvas canvas, InvoiceDocument document, PagePlan page, int number, int pages, float width, float height)
    {
        var right = width - Margin;
        float y;
        if (number == 1)
        {
            canvas.Text(document.IssuerName, Margin, Margin + 14, 15, PdfCanvas.Ink, bold: true);
            canvas.Text(document.Title, right, Margin + 14, 17, PdfCanvas.Ink, bold: true, alignRight: true);
            var issuerY = Margin + 34;
            foreach (var line in document.IssuerLines)
            {
                canvas.Text(line, Margin, issuerY, 8.5f, PdfCanvas.Muted);
                issuerY += 11;
            }

            var factsY = Margin + 34;
            foreach (var fact in document.Facts)
            {
                canvas.Text(fact.Label, right - 230, factsY, 8.5f, PdfCanvas.Muted);
                canvas.Text(fact.Value, right, factsY, 9, PdfCanvas.Ink, bold: fact == document.Facts[0], alignRight: true);
                factsY += 14;
            }

            y = Math.Max(issuerY, factsY) + 22;
            canvas.Text(document.BillToLabel, Margin, y, 8.5f, PdfCanvas.Muted, bold: true);
            y += 14;
            foreach (var line in document.BillToLines)
            {
                canvas.Text(PdfCanvas.Fit(line, (right - Margin) / 2, 10), Margin, y, 10, PdfCanvas.Ink);
                y += 13;
            }

            y += 22;
        }
        else
        {
            canvas.Text(document.IssuerName, Margin, Margin + 12, 10, PdfCanvas.Ink, bold: true);
            canvas.Text(document.Title, right, Margin + 12, 10, PdfCanvas.Ink, alignRight: true);
            canvas.Line(Margin, right, Margin + 22, PdfCanvas.Rule);
            y = Margin + 40;
        }

        var quantityRight = right - 200;
        var unitRight = right - 95;
        if (page.ShowTable)
        {
            canvas.Rect(Margin, y - 13, right, y - 13 + TableHeaderHeight, PdfCanvas.Band);
            canvas.Text(document.Columns[0], Margin + 6, y, 8.5f, PdfCanvas.Muted, bold: true);
            canvas.Text(document.Columns[1], quantityRight, y, 8.5f, PdfCanvas.Muted, bold: true, alignRight: true);
            canvas.Text(document.Columns[2], unitRight, y, 8.5f, PdfCanvas.Muted, bold: true, alignRight: true);
            canvas.Text(document.Columns[3], right - 6, y, 8.5f, PdfCanvas.Muted, bold: true, alignRight: true);
            y += TableHeaderHeight;
            foreach (var line in document.Lines.Skip(page.First).Take(page.Count))
            {
                canvas.Text(PdfCanvas.Fit(line.Description, quantityRight - Margin - 50, 9.5f), Margin + 6, y, 9.5f, PdfCanvas.Ink);
                canvas.Text(line.Period, Margin + 6, y + 11, 8, PdfCanvas.Muted);
                canvas.Text(line.Quantity, quantityRight, y, 9.5f, PdfCanvas.Ink, alignRight: true);
                canvas.Text(line.UnitPrice, unitRight, y, 9.5f, PdfCanvas.Ink, alignRight: true);
                canvas.Text(line.Amount, right - 6, y, 9.5f, PdfCanvas.Ink, alignRight: true);
                canvas.Line(Margin, right, y + 16, PdfCanvas.Rule);
                y += RowHeight;
            }
        }

        if (page.Closing)
        {
            DrawClosing(canvas, document, y + 6, right);
        }

        canvas.Line(Margin, right, height - Margin - 14, PdfCanvas.Rule);
        canvas.Text($"{document.IssuerName} · {document.Facts[0].Value}", Margin, height - Margin, 8, PdfCanvas.Muted);
        canvas.Text(document.PageLabel(number, pages), right, height - Margin, 8, PdfCanvas.Muted, alignRight: true);
    }

    private static void DrawClosing(PdfCanvas canvas, InvoiceDocument document, float y, float right)
    {
        y += 10;
        for (var i = 0; i < document.Totals.Count; i++)
        {
            var isTotal = i == document.Totals.Count - 1;
            if (isTotal)
            {
                canvas.Line(right - 230, right, y - 11, PdfCanvas.Ink);
            }

            canvas.Text(document.Totals[i].Label, right - 230, y, isTotal ? 11 : 9.5f, PdfCanvas.Ink, bold: isTotal);
            canvas.Text(document.Totals[i].Value, right - 6, y, isTotal ? 11 : 9.5f, PdfCanvas.Ink, bold: isTotal, alignRight: true);
            y += 16;
        }

        canvas.Text(document.AmountsIn, right - 6, y, 8, PdfCanvas.Muted, alignRight: true);
        if (document.TaxNote is { } taxNote)
        {
            y += 18;
            foreach (var line in PdfCanvas.Wrap(taxNote, right - Margin, 9f))
            {
                canvas.Text(line, Margin, y, 9f, PdfCanvas.Ink);
                y += 12;
            }
        }

        y += 30;
        canvas.Text(document.Payment.Label, Margin, y, 8.5f, PdfCanvas.Muted, bold: true);
        canvas.Text(document.Payment.Value, Margin + 120, y, 9.5f, PdfCanvas.Ink);
        if (document.TransferNote is { } note)
        {
            y += 16;
            foreach (var line in PdfCanvas.Wrap(note, right - Margin, 9.5f))
            {
                canvas.Text(line, Margin, y, 9.5f, PdfCanvas.Ink);
                y += 13;
            }
        }
    }

    private sealed record PagePlan(int First, int Count, bool ShowTable, bool Closing);
}
