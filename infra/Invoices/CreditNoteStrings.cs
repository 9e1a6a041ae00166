using System.Collections.Frozen;
using Billing.Core.Common;

namespace Billing.Infra.Invoices;

/// <summary>
/// What a credit note (V5) says besides an invoice's words, in the six languages (V4): its title, the label of its number,
/// which invoice it credits, and the line of a partial refund (placeholder {number}: the credited invoice's).
/// </summary>
public sealed record CreditNoteStrings(string Title, string Number, string Credits, string RefundOf)
{
    private static readonly FrozenDictionary<Language, CreditNoteStrings> ByLanguage = new Dictionary<Language, CreditNoteStrings>
    {
        [Language.English] = new("Credit note", "Credit note number", "Credits invoice", "Refund of invoice {number}"),
        [Language.French] = new("Avoir", "Numéro d'avoir", "Avoir sur la facture", "Remboursement de la facture {number}"),
        [Language.Dutch] = new("Creditnota", "Creditnotanummer", "Crediteert factuur", "Terugbetaling van factuur {number}"),
        [Language.Swedish] = new("Kreditnota", "Kreditnotanummer", "Krediterar faktura", "Återbetalning av faktura {number}"),
        [Language.Indonesian] = new("Nota kredit", "Nomor nota kredit", "Mengkredit faktur", "Pengembalian dana faktur {number}"),
        [Language.TraditionalChinese] = new("貸項通知單", "貸項通知單號碼", "沖銷發票", "發票 {number} 退款"),
    }.ToFrozenDictionary();

    public static CreditNoteStrings For(Language language) => ByLanguage[language];
}
