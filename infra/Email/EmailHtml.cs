using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Billing.Infra.Invoices;
using Fluid;
using PreMailer.Net;

namespace Billing.Infra.Email;

/// <summary>
/// The HTML part of billing emails: <c>Templates/email.liquid</c> (an embedded resource) rendered by
/// Fluid, which HTML-encodes every value, then its style sheet moved into style attributes by
/// PreMailer.Net, since many mail clients ignore or strip <c>&lt;style&gt;</c>.
/// </summary>
public static class EmailHtml
{
    private static readonly TemplateOptions Options = CreateOptions();

    private static readonly IFluidTemplate Template = Parse("email.liquid");

    // Encodes what HTML needs (&lt; &gt; &amp; quotes) and leaves letters of every script as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(EmailHtmlView view)
    {
        var html = Template.Render(new TemplateContext(view, Options), Encoder);
        using var inliner = new PreMailer.Net.PreMailer(html);
        // Comments stay: Outlook's conditional comments hold the 600 px table it needs.
        return inliner.MoveCssInline(removeStyleElements: true, stripIdAndClassAttributes: true, removeComments: false).Html;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        options.MemberAccessStrategy.Register<EmailHtmlView>();
        options.MemberAccessStrategy.Register<EmailParagraph>();
        options.MemberAccessStrategy.Register<EmailRun>();
        options.MemberAccessStrategy.Register<EmailButton>();
        options.MemberAccessStrategy.Register<EmailInvoiceView>();
        options.MemberAccessStrategy.Register<InvoiceDocument>();
        options.MemberAccessStrategy.Register<DocumentField>();
        options.MemberAccessStrategy.Register<DocumentLine>();
        return options;
    }

    private static IFluidTemplate Parse(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Billing.Infra.Email.Templates.{name}")
            ?? throw new InvalidOperationException($"The email template {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return new FluidParser().TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The email template {name} does not parse: {error}");
    }
}
