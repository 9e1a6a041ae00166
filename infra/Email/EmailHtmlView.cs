using Billing.Infra.Invoices;

namespace Billing.Infra.Email;

/// <summary>
/// What the HTML template of a billing email shows (Templates/email.liquid). Every string is plain
/// text: the template engine HTML-encodes all of it, so names and addresses cannot inject markup.
/// </summary>
public sealed record EmailHtmlView(
    string Lang,
    string Title,
    string Preheader,
    string Brand,
    string Greeting,
    IReadOnlyList<EmailParagraph> Paragraphs,
    EmailInvoiceView? Invoice,
    EmailButton Button,
    EmailParagraph ButtonFallback,
    string SignOff,
    string Reason,
    IReadOnlyList<string> Footer);

/// <summary>A paragraph as runs of text, some of them links (a URL the words quote).</summary>
public sealed record EmailParagraph(IReadOnlyList<EmailRun> Runs)
{
    /// <summary>Splits <paramref name="text"/> at every occurrence of the <paramref name="links"/>, which become links.</summary>
    public static EmailParagraph Of(string text, params string[] links)
    {
        var runs = new List<EmailRun>();
        var rest = text;
        while (rest.Length > 0)
        {
            var (at, link) = links.Where(l => l.Length > 0)
                .Select(l => (At: rest.IndexOf(l, StringComparison.Ordinal), Link: l))
                .Where(found => found.At >= 0)
                .OrderBy(found => found.At)
                .FirstOrDefault((-1, string.Empty));
            if (at < 0)
            {
                runs.Add(new EmailRun(rest, null));
                break;
            }

            if (at > 0)
            {
                runs.Add(new EmailRun(rest[..at], null));
            }

            runs.Add(new EmailRun(link, link));
            rest = rest[(at + link.Length)..];
        }

        return new EmailParagraph(runs);
    }
}

/// <summary>Some text, linked to <see cref="Href"/> when it has one.</summary>
public sealed record EmailRun(string Text, string? Href);

/// <summary>The one call to action: a button (a link styled as one, which every mail client follows).</summary>
public sealed record EmailButton(string Label, string Url);

/// <summary>
/// The invoice an email is about: its document (the same words and figures as its PDF), its total and
/// status at a glance (the badge's <see cref="Tone"/>: <c>open</c>, <c>paid</c>, <c>late</c> or
/// <c>closed</c>), and the amount still due (none on a credit note).
/// </summary>
public sealed record EmailInvoiceView(InvoiceDocument Document, string Total, string Status, string Tone, DocumentField? AmountDue);
