using Billing.Core.Payments;

namespace Billing.Infra.Invoices;

/// <summary>A saved card in a language's words ("{brand} ending in {last4}"), as invoices and emails name it.</summary>
public static class CardText
{
    public static string Of(string template, PaymentMethodSummary card) => template
        .Replace("{brand}", Capitalized(card.Brand is { Length: > 0 } brand ? brand : "Card"), StringComparison.Ordinal)
        .Replace("{last4}", card.Last4 ?? "????", StringComparison.Ordinal);

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
