using System.Net;
using System.Security.Cryptography;
using System.Text;
using Billing.Core.Effects;
using Billing.Infra.Invoices;
using MimeKit;

namespace Billing.Infra.Email;

/// <summary>
/// Writes a billing email in the billing owner's language (V4), as plain text and HTML from the same
/// words, with the invoice PDF attached and the link to the invoices online (B4).
/// </summary>
public sealed class EmailComposer(EmailOptions options)
{
    /// <param name="email">The effect to carry out.</param>
    /// <param name="facts">What the email says.</param>
    /// <param name="deliveryKey">Identifies this delivery, so that a repeat after a crash carries the same Message-Id and can be recognized.</param>
    public MimeMessage Compose(SendEmail email, EmailFacts facts, string deliveryKey)
    {
        var language = EmailStrings.For(email.Locale.Language);
        var text = language.Texts[email.Kind];
        var culture = MoneyText.CultureOf(email.Locale);
        var values = new Dictionary<string, string>
        {
            ["space"] = facts.SpaceName,
            ["name"] = facts.RecipientName ?? email.Address,
            ["number"] = facts.Invoice?.Number.ToString() ?? string.Empty,
            ["total"] = facts.Invoice is { } invoice ? MoneyText.Format(invoice.Total, culture) : string.Empty,
            ["seats"] = facts.Seats?.ToString(culture) ?? string.Empty,
            ["date"] = facts.TrialEndsAt?.UtcDateTime.ToString("D", culture) ?? string.Empty,
            ["link"] = facts.InvoicesOnline.ToString(),
            ["action"] = (facts.ActionUrl ?? facts.InvoicesOnline).ToString(),
        };

        var paragraphs = new[] { language.Greeting, text.Body, language.InvoicesOnline, language.SignOff }.Select(p => Fill(p, values)).ToList();
        // The invoice itself follows the greeting and the paragraph, in the same words as its PDF.
        var document = facts.Invoice is { } shown ? InvoiceDocument.Of(shown) : null;
        var body = new BodyBuilder
        {
            TextBody = string.Join("\n\n", paragraphs.Take(2)) + "\n\n"
                + (document is null ? string.Empty : InvoiceText.Plain(document) + "\n")
                + string.Join("\n\n", paragraphs.Skip(2)) + "\n",
            HtmlBody = $"<!DOCTYPE html><html lang=\"{WebUtility.HtmlEncode(email.Locale.Tag)}\"><body>"
                + string.Concat(paragraphs.Take(2).Select(p => $"<p>{Linked(WebUtility.HtmlEncode(p), values["action"])}</p>"))
                + (document is null ? string.Empty : InvoiceText.Html(document))
                + string.Concat(paragraphs.Skip(2).Select(p => $"<p>{Linked(WebUtility.HtmlEncode(p), values["link"])}</p>"))
                + "</body></html>",
        };
        if (facts.Invoice is { } attached && facts.Pdf is { } pdf)
        {
            body.Attachments.Add($"{attached.Number}.pdf", pdf.ToArray(), new ContentType("application", "pdf"));
        }

        var message = new MimeMessage
        {
            Subject = Fill(text.Subject, values),
            Body = body.ToMessageBody(),
            MessageId = $"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)))[..32].ToLowerInvariant()}@billing",
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(facts.RecipientName ?? string.Empty, email.Address));
        message.Headers.Add("Content-Language", email.Locale.Tag);
        return message;
    }

    private static string Fill(string template, Dictionary<string, string> values)
    {
        var filled = new StringBuilder(template);
        foreach (var (key, value) in values)
        {
            filled.Replace("{" + key + "}", value);
        }

        return filled.ToString();
    }

    private static string Linked(string encodedParagraph, string link)
    {
        var encodedLink = WebUtility.HtmlEncode(link);
        return encodedParagraph.Replace(encodedLink, $"<a href=\"{encodedLink}\">{encodedLink}</a>", StringComparison.Ordinal);
    }
}
