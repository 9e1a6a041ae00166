using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Billing.Infra.Invoices;
using Fluid;

namespace Billing.Infra.Email;

/// <summary>
/// The HTML part of billing emails: <c>Templates/email.liquid</c> (an embedded resource) rendered by
/// Fluid, which HTML-encodes every value, then its style sheet moved into style attributes with
/// PreMailer.Net (<see cref="CssInliner"/>, the sheet parsed once), since many mail clients ignore or
/// strip <c>&lt;style&gt;</c>.
/// </summary>
public static class EmailHtml
{
    private static readonly TemplateOptions Options = CreateOptions();

    private static readonly string Source = Read("email.liquid");

    private static readonly IFluidTemplate Template = Parse("email.liquid", Source);

    private static readonly CssInliner Inliner = CssInliner.OfStyleElements(Source);

    // Encodes what HTML needs (&lt; &gt; &amp; quotes) and leaves letters of every script as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The email's HTML as sent: styles inline, no ids or classes; comments stay (Outlook's conditional comments hold the 600 px table it needs).</summary>
    public static string Render(EmailHtmlView view) => Inliner.Inline(RenderStyled(view));

    /// <summary>The template's HTML before inlining, its style sheet still in <c>&lt;style&gt;</c>.</summary>
    public static string RenderStyled(EmailHtmlView view) => Template.Render(new TemplateContext(view, Options), Encoder);

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

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Billing.Infra.Email.Templates.{name}")
            ?? throw new InvalidOperationException($"The email template {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IFluidTemplate Parse(string name, string source) =>
        new FluidParser().TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The email template {name} does not parse: {error}");
}
