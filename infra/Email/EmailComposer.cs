using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Infra.Invoices;
using MimeKit;

namespace Billing.Infra.Email;

/// <summary>
/// Writes a billing email in the billing owner's language (V4), as plain text and as styled HTML
/// (<see cref="EmailHtml"/>) from the same words, with the invoice PDF attached and the link to the
/// invoice online (B4).
/// </summary>
public sealed class EmailComposer(EmailOptions options, Issuer issuer)
{
    /// <param name="email">The effect to carry out.</param>
    /// <param name="facts">What the email says.</param>
    /// <param name="deliveryKey">Identifies this delivery, so that a repeat after a crash carries the same Message-Id and can be recognized.</param>
    public OutgoingEmail Compose(SendEmail email, EmailFacts facts, string deliveryKey)
    {
        var language = EmailStrings.For(email.Locale.Language);
        var text = language.Texts[email.Kind];
        var culture = MoneyText.CultureOf(email.Locale);
        var values = new Dictionary<string, string>
        {
            ["space"] = facts.SpaceName,
            ["name"] = facts.RecipientName ?? email.Address,
            ["number"] = facts.Invoice?.NumberOrThrow.ToString() ?? string.Empty,
            ["total"] = facts.Invoice is { } invoice ? MoneyText.Format(invoice.Total, culture) : string.Empty,
            ["due"] = facts.Invoice is { } owed ? MoneyText.Format(owed.AmountDue, culture) : string.Empty,
            ["seats"] = facts.Seats?.ToString(culture) ?? string.Empty,
            ["date"] = facts.TrialEndsAt?.UtcDateTime.ToString("D", culture) ?? string.Empty,
            ["link"] = facts.InvoicesOnline.ToString(),
            ["action"] = facts.InvoicesOnline.ToString(),
        };
        if (facts.Invoice?.Content is { IsCreditNote: true } note)
        {
            values["credited"] = note.CreditsNumber?.ToString() ?? note.Credits?.Value ?? string.Empty;
            values["amount"] = MoneyText.Format(-facts.Invoice.Total, culture);
            values["refundedTo"] = RefundedTo(note.PaymentMethod, language.RefundedTo);
        }

        var subject = Fill(text.Subject, values);
        var opening = Fill(text.Body, values);
        // The invoice itself follows the greeting and the paragraph, in the same words as its PDF.
        var document = facts.Invoice is { } shown ? InvoiceDocument.Of(shown, email.Locale) : null;
        var body = new BodyBuilder
        {
            TextBody = string.Join("\n\n", Fill(language.Greeting, values), opening) + "\n\n"
                + (document is null ? string.Empty : InvoiceText.Plain(document) + "\n")
                + string.Join("\n\n", Fill(language.InvoicesOnline, values), Fill(language.SignOff, values)) + "\n",
            HtmlBody = EmailHtml.Render(new EmailHtmlView(
                email.Locale.Tag,
                subject,
                opening,
                issuer.Name,
                Fill(language.Greeting, values),
                [EmailParagraph.Of(opening, values["link"])],
                document is null ? null : Summary(facts.Invoice!, document, email.Locale, language.Html, culture),
                new EmailButton(ButtonLabel(email.Kind, facts, language.Html), values["link"]),
                EmailParagraph.Of(Fill(language.Html.ButtonFallback, values), values["link"]),
                Fill(language.SignOff, values),
                Fill(language.Html.Reason, values),
                [issuer.Name, .. InvoiceDocument.AddressLines(issuer.Address, culture), issuer.Email])),
        };
        if (facts.Invoice is { } attached && facts.Pdf is { } pdf)
        {
            body.Attachments.Add($"{attached.NumberOrThrow}.pdf", pdf.ToArray(), new ContentType("application", "pdf"));
        }

        var message = new MimeMessage
        {
            Subject = subject,
            Body = body.ToMessageBody(),
            MessageId = $"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)))[..32].ToLowerInvariant()}@billing",
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(facts.RecipientName ?? string.Empty, email.Address));
        message.Headers.Add("Content-Language", email.Locale.Tag);
        return new OutgoingEmail(message);
    }

    /// <summary>
    /// The one call to action, to <see cref="EmailFacts.InvoicesOnline"/>: the invoice's page when the
    /// email is about an invoice (where the bank's confirmation is given when it asks for one), else
    /// the billing tab.
    /// </summary>
    private static string ButtonLabel(EmailKind kind, EmailFacts facts, EmailHtmlWords words) =>
        kind == EmailKind.PaymentActionRequired ? words.ConfirmPayment
        : facts.Invoice is { Content.IsCreditNote: true } ? words.ViewCreditNote
        : facts.Invoice is not null ? words.ViewInvoice
        : words.OpenBilling;

    /// <summary>The invoice at a glance: its status shows as a badge by the total rather than among the facts.</summary>
    private static EmailInvoiceView Summary(Invoice invoice, InvoiceDocument document, Locale locale, EmailHtmlWords words, CultureInfo culture)
    {
        var invoiceWords = InvoiceStrings.For(locale.Language);
        return new EmailInvoiceView(
            document with { Facts = [.. document.Facts.Where(f => f.Label != invoiceWords.Status)] },
            MoneyText.Format(invoice.Total, culture),
            invoiceWords.Statuses[invoice.Status],
            invoice.Status switch
            {
                InvoiceStatus.Paid => "paid",
                InvoiceStatus.PastDue => "late",
                InvoiceStatus.Open => "open",
                _ => "closed",
            },
            // Nobody owes a credit note (V5): it shows its total and no amount due.
            invoice.Content.IsCreditNote ? null : new DocumentField(words.AmountDue, MoneyText.Format(invoice.AmountDue, culture)));
    }

    /// <summary>Where a refund goes back to: the payment method of the invoice it credits, which the credit note carries (V5).</summary>
    private static string RefundedTo(Billing.Core.Payments.PaymentMethod method, RefundDestinations words) => method.Provider switch
    {
        Billing.Core.Payments.PaymentProvider.Invoice => words.BankAccount,
        Billing.Core.Payments.PaymentProvider.PayPal => words.PayPal,
        _ => CardText.Of(words.Card, method.Summary),
    };

    private static string Fill(string template, Dictionary<string, string> values)
    {
        var filled = new StringBuilder(template);
        foreach (var (key, value) in values)
        {
            filled.Replace("{" + key + "}", value);
        }

        return filled.ToString();
    }
}
