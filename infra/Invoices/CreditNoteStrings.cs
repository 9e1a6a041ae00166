using System.Collections.Frozen;
using Billing.Core.Common;

namespace Billing.Infra.Invoices;

/// <summary>What a credit note (V5) says besides an invoice's words, in the six languages (V4): its title, the label of its number, and which invoice it credits.</summary>
public sealed record CreditNoteStrings(string Title, string Number, string Credits)
{
    private static readonly FrozenDictionary<Language, CreditNoteStrings> ByLanguage = new Dictionary<Language, CreditNoteStrings>
    {
        [Language.English] = new("Credit note", "Credit note number", "Credits invoice"),
        [Language.French] = new("Avoir", "Numéro d'avoir", "Avoir sur la facture"),
        [Language.Dutch] = new("Creditnota", "Creditnotanummer", "Crediteert factuur"),
        [Language.Swedish] = new("Kreditnota", "Kreditnotanummer", "Krediterar faktura"),
        [Language.Indonesian] = new("Nota kredit", "Nomor nota kredit", "Mengkredit faktur"),
        [Language.TraditionalChinese] = new("貸項通知單", "貸項通知單號碼", "沖銷發票"),
    }.ToFrozenDictionary();

    public static CreditNoteStrings For(Language language) => ByLanguage[language];
}
