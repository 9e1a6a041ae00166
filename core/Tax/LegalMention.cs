namespace Billing.Core.Tax;

/// <summary>The statement an invoice must print about its tax; the renderer writes it in the invoice's language.</summary>
public enum LegalMention
{
    None,

    /// <summary>"Reverse charge: VAT to be accounted for by the recipient, Article 196 of Directive 2006/112/EC".</summary>
    ReverseCharge,

    /// <summary>"Exempt from tax:" followed by the exemption's reason.</summary>
    Exemption,
}
