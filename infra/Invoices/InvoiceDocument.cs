using System.Globalization;
using Billing.Core.Calendar;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Tax;

namespace Billing.Infra.Invoices;

/// <summary>
/// An invoice with every word written in its reader's language and every date, number and amount
/// formatted for their locale (V2, V4). The PDF, the text and the HTML renderings all draw this, so
/// they cannot disagree.
/// </summary>
public sealed record InvoiceDocument(
    string Title,
    string Author,
    DateTimeOffset IssuedAt,
    string Language,
    bool UsLetter,
    string IssuerName,
    IReadOnlyList<string> IssuerLines,
    IReadOnlyList<DocumentField> Facts,
    string BillToLabel,
    IReadOnlyList<string> BillToLines,
    IReadOnlyList<string> Columns,
    IReadOnlyList<DocumentLine> Lines,
    IReadOnlyList<DocumentField> Totals,
    DocumentField Payment,
    string? TransferNote,
    string? TaxNote,
    string AmountsIn,
    string PageOf)
{
    /// <summary>The invoice in the words of <paramref name="reader"/>'s locale; the bill-to locale by default, as on the PDF.</summary>
    public static InvoiceDocument Of(Invoice invoice, Billing.Core.Common.Locale? reader = null)
    {
        var content = invoice.Content;
        var locale = reader ?? content.BillTo.Locale;
        var words = InvoiceStrings.For(locale.Language);
        var culture = MoneyText.CultureOf(locale);
        var datePattern = locale.Language == Billing.Core.Common.Language.TraditionalChinese ? "yyyy年M月d日" : "d MMM yyyy";
        string Date(DateTimeOffset at) => at.UtcDateTime.ToString(datePattern, culture);
        string Money(Billing.Core.Amounts.Money money) => MoneyText.Format(money, culture);

        var issuer = invoice.Issuer ?? throw new ArgumentException($"Invoice {invoice.Id} is not numbered: only a numbered invoice has a document.", nameof(invoice));
        var issuerLines = AddressLines(issuer.Address, culture).Append(issuer.Email).ToList();
        if (issuer.TaxId is { } issuerTax)
        {
            issuerLines.Add($"{words.TaxId}: {issuerTax}");
        }

        var billTo = new List<string> { content.BillTo.Name };
        billTo.AddRange(AddressLines(content.BillTo.Address, culture));
        billTo.Add(content.BillTo.Email);
        if (content.BillTo.TaxId is { } taxId)
        {
            billTo.Add($"{words.TaxId}: {taxId.Value}");
        }

        var number = invoice.NumberOrThrow.ToString();
        var creditNote = content.IsCreditNote ? CreditNoteStrings.For(locale.Language) : null;
        // A credit note is owed by nobody: it has no due date, and its number is a credit note's.
        var facts = new List<DocumentField> { new(creditNote?.Number ?? words.InvoiceNumber, number), new(words.IssueDate, Date(content.IssuedAt)) };
        if (creditNote is null)
        {
            facts.Add(new(words.DueDate, Date(content.DueAt)));
        }

        facts.Add(new(words.Period, $"{Date(content.Period.Start)} – {Date(content.Period.End)}"));
        facts.Add(new(words.Status, words.Statuses[invoice.Status]));
        // V5: a credit note names the invoice it credits, by its number where the note knows it.
        var creditedNumber = content.CreditsNumber?.ToString() ?? content.Credits?.Value;
        if (creditNote is not null && creditedNumber is not null)
        {
            facts.Add(new(creditNote.Credits, creditedNumber));
        }

        var lines = content.Lines.Select(line =>
        {
            var seats = line.Seats == 1 ? words.OneSeat : words.Seats.Replace("{n}", line.Seats.ToString("N0", culture), StringComparison.Ordinal);
            var cycle = line.Cycle == BillingCycle.Annual ? words.Annual : words.Monthly;
            var description = line.Kind switch
            {
                InvoiceLineKind.Plan => $"{line.TierName} · {seats} · {cycle}",
                InvoiceLineKind.ProratedCharge => $"{line.TierName} · {seats} · {cycle} · {words.Prorated}",
                // A partial refund (V5): one refund of the net amount, its quantity 1.
                InvoiceLineKind.Refund => (creditNote ?? throw new ArgumentException($"Invoice {invoice.Id} has a refund line but is no credit note.", nameof(invoice)))
                    .RefundOf.Replace("{number}", creditedNumber, StringComparison.Ordinal),
                _ => $"{words.Credit}: {line.TierName} · {seats}",
            };
            return new DocumentLine(
                description,
                $"{Date(line.Period.Start)} – {Date(line.Period.End)}",
                line.Seats.ToString("N0", culture),
                Money(line.UnitPrice),
                Money(line.Amount));
        }).ToList();

        var rate = content.Taxation.Rate;
        var taxLabel = rate.BasisPoints == 0 ? words.Tax : $"{words.Tax} ({rate.Percent.ToString("0.##", culture)} %)";
        var taxNote = content.Taxation.Mention switch
        {
            LegalMention.ReverseCharge => words.ReverseCharge,
            LegalMention.Exemption => words.TaxExempt.Replace("{reason}", content.Taxation.ExemptionReason, StringComparison.Ordinal),
            _ => null,
        };
        var totals = new List<DocumentField>
        {
            new(words.Subtotal, Money(invoice.Subtotal)),
            new(taxLabel, Money(invoice.Tax)),
            new(words.Total, Money(invoice.Total)),
        };

        var method = content.PaymentMethod;
        var payment = method.Provider switch
        {
            PaymentProvider.Invoice => words.BankTransfer,
            PaymentProvider.PayPal => words.PayPal.Replace("{email}", method.Summary.Email ?? string.Empty, StringComparison.Ordinal),
            _ => CardText.Of(words.Card, method.Summary),
        };
        string? transfer = null;
        if (creditNote is null && method.IsInvoice && issuer.BankDetails is { } bank)
        {
            transfer = words.PayByTransfer
                .Replace("{total}", Money(invoice.Total), StringComparison.Ordinal)
                .Replace("{due}", Date(content.DueAt), StringComparison.Ordinal)
                .Replace("{holder}", bank.AccountHolder, StringComparison.Ordinal)
                .Replace("{iban}", bank.Iban, StringComparison.Ordinal)
                .Replace("{bic}", bank.Bic, StringComparison.Ordinal)
                .Replace("{number}", number, StringComparison.Ordinal);
        }

        return new InvoiceDocument(
            $"{creditNote?.Title ?? words.Invoice} {number}",
            issuer.Name,
            content.IssuedAt,
            locale.Tag,
            content.BillTo.Address.Country is "US" or "CA",
            issuer.Name,
            issuerLines,
            facts,
            words.BillTo,
            billTo,
            [words.Description, words.Quantity, words.UnitPrice, words.Amount],
            lines,
            totals,
            new DocumentField(words.PaymentMethod, payment),
            transfer,
            taxNote,
            words.AmountsIn.Replace("{currency}", content.Currency.Code, StringComparison.Ordinal),
            words.PageOf);
    }

    public string PageLabel(int page, int pages) =>
        PageOf.Replace("{page}", page.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{pages}", pages.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>An address as printed: street lines, postal code and city, country in the reader's language (V6).</summary>
    public static IEnumerable<string> AddressLines(PostalAddress address, CultureInfo culture)
    {
        yield return address.Line1;
        if (address.Line2 is { } line2)
        {
            yield return line2;
        }

        yield return string.Join(" ", new[] { address.PostalCode, address.City, address.Region }.Where(p => !string.IsNullOrWhiteSpace(p)));
        yield return CountryNames.In(address.Country, culture);
    }

}

/// <summary>A label and its value.</summary>
public sealed record DocumentField(string Label, string Value);

/// <summary>A row of the lines table: description, its period, quantity, unit price, amount.</summary>
public sealed record DocumentLine(string Description, string Period, string Quantity, string UnitPrice, string Amount);
