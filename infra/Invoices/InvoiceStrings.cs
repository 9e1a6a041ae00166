using System.Collections.Frozen;
using Billing.Core.Common;
using Billing.Core.Invoicing;

namespace Billing.Infra.Invoices;

/// <summary>
/// The words of an invoice in one language (V4), shared by the PDF, the text and the HTML renderings.
/// Placeholders: {page}, {pages}, {n}, {brand}, {last4}, {email}, {total}, {due}, {holder}, {iban}, {bic}, {number}, {currency}, {reason}.
/// The reverse-charge mention names Article 196 of the VAT Directive in the words its language versions use (T1).
/// </summary>
public sealed record InvoiceStrings(
    string Invoice,
    string InvoiceNumber,
    string IssueDate,
    string DueDate,
    string Period,
    string Status,
    string BillTo,
    string TaxId,
    string Description,
    string Quantity,
    string UnitPrice,
    string Amount,
    string Subtotal,
    string Tax,
    string Total,
    string PaymentMethod,
    string PageOf,
    FrozenDictionary<InvoiceStatus, string> Statuses,
    string Monthly,
    string Annual,
    string Seats,
    string OneSeat,
    string Prorated,
    string Credit,
    string Card,
    string PayPal,
    string BankTransfer,
    string PayByTransfer,
    string AmountsIn,
    string ReverseCharge,
    string TaxExempt)
{
    private static readonly FrozenDictionary<Language, InvoiceStrings> ByLanguage = new Dictionary<Language, InvoiceStrings>
    {
        [Language.English] = new(
            "Invoice", "Invoice number", "Issue date", "Due date", "Period", "Status", "Bill to", "Tax ID",
            "Description", "Qty", "Unit price", "Amount", "Subtotal", "Tax", "Total", "Payment method", "Page {page} of {pages}",
            StatusNames("Paid", "Open", "Past due", "Void", "Refunded", "Partially refunded", "Issued"),
            "monthly", "annual", "{n} seats", "1 seat", "prorated", "Credit for unused time",
            "{brand} ending in {last4}", "PayPal ({email})", "Bank transfer",
            "Please transfer {total} by {due} to {holder}, IBAN {iban}, BIC {bic}, quoting {number}.", "Amounts in {currency}",
            "Reverse charge: VAT to be accounted for by the recipient, Article 196 of Directive 2006/112/EC.", "Exempt from tax: {reason}"),
        [Language.French] = new(
            "Facture", "Numéro de facture", "Date d'émission", "Date d'échéance", "Période", "Statut", "Facturé à", "N° de TVA",
            "Description", "Qté", "Prix unitaire", "Montant", "Sous-total", "TVA", "Total", "Moyen de paiement", "Page {page} sur {pages}",
            StatusNames("Payée", "Ouverte", "En retard", "Annulée", "Remboursée", "Partiellement remboursée", "Émis"),
            "mensuel", "annuel", "{n} places", "1 place", "au prorata", "Avoir pour la période non utilisée",
            "{brand} se terminant par {last4}", "PayPal ({email})", "Virement bancaire",
            "Veuillez virer {total} avant le {due} à {holder}, IBAN {iban}, BIC {bic}, en indiquant {number}.", "Montants en {currency}",
            "Autoliquidation : TVA due par le preneur, article 196 de la directive 2006/112/CE.", "Exonération de taxe : {reason}"),
        [Language.Dutch] = new(
            "Factuur", "Factuurnummer", "Factuurdatum", "Vervaldatum", "Periode", "Status", "Factuur aan", "Btw-nummer",
            "Omschrijving", "Aantal", "Prijs per stuk", "Bedrag", "Subtotaal", "Btw", "Totaal", "Betaalmethode", "Pagina {page} van {pages}",
            StatusNames("Betaald", "Openstaand", "Achterstallig", "Vervallen", "Terugbetaald", "Gedeeltelijk terugbetaald", "Uitgegeven"),
            "maandelijks", "jaarlijks", "{n} plaatsen", "1 plaats", "naar rato", "Tegoed voor ongebruikte tijd",
            "{brand} eindigend op {last4}", "PayPal ({email})", "Bankoverschrijving",
            "Maak {total} vóór {due} over aan {holder}, IBAN {iban}, BIC {bic}, onder vermelding van {number}.", "Bedragen in {currency}",
            "Btw verlegd: de btw wordt voldaan door de afnemer, artikel 196 van Richtlijn 2006/112/EG.", "Vrijgesteld van btw: {reason}"),
        [Language.Swedish] = new(
            "Faktura", "Fakturanummer", "Fakturadatum", "Förfallodatum", "Period", "Status", "Faktureras till", "Momsregistreringsnummer",
            "Beskrivning", "Antal", "Styckpris", "Belopp", "Delsumma", "Moms", "Totalt", "Betalningsmetod", "Sida {page} av {pages}",
            StatusNames("Betald", "Öppen", "Förfallen", "Makulerad", "Återbetald", "Delvis återbetald", "Utfärdad"),
            "månadsvis", "årsvis", "{n} platser", "1 plats", "proportionellt", "Kredit för outnyttjad tid",
            "{brand} som slutar på {last4}", "PayPal ({email})", "Banköverföring",
            "Betala {total} senast {due} till {holder}, IBAN {iban}, BIC {bic}, och ange {number}.", "Belopp i {currency}",
            "Omvänd betalningsskyldighet: mervärdesskatten redovisas av köparen, artikel 196 i direktiv 2006/112/EG.", "Undantaget från moms: {reason}"),
        [Language.Indonesian] = new(
            "Faktur", "Nomor faktur", "Tanggal terbit", "Jatuh tempo", "Periode", "Status", "Ditagihkan kepada", "NPWP",
            "Deskripsi", "Jml", "Harga satuan", "Jumlah", "Subtotal", "Pajak", "Total", "Metode pembayaran", "Halaman {page} dari {pages}",
            StatusNames("Lunas", "Terbuka", "Lewat jatuh tempo", "Dibatalkan", "Dikembalikan", "Dikembalikan sebagian", "Diterbitkan"),
            "bulanan", "tahunan", "{n} kursi", "1 kursi", "prorata", "Kredit untuk waktu yang tidak terpakai",
            "{brand} berakhiran {last4}", "PayPal ({email})", "Transfer bank",
            "Harap transfer {total} paling lambat {due} ke {holder}, IBAN {iban}, BIC {bic}, dengan mencantumkan {number}.", "Jumlah dalam {currency}",
            "Pembalikan kewajiban (reverse charge): PPN terutang oleh penerima, Pasal 196 Direktif 2006/112/EC.", "Dibebaskan dari pajak: {reason}"),
        [Language.TraditionalChinese] = new(
            "發票", "發票號碼", "開立日期", "付款期限", "期間", "狀態", "帳單寄送對象", "統一編號",
            "說明", "數量", "單價", "金額", "小計", "稅額", "總計", "付款方式", "第 {page} 頁，共 {pages} 頁",
            StatusNames("已付款", "未付款", "逾期", "已作廢", "已退款", "部分退款", "已開立"),
            "每月", "每年", "{n} 個席位", "1 個席位", "按比例計費", "未使用期間的抵免",
            "{brand} 末四碼 {last4}", "PayPal（{email}）", "銀行轉帳",
            "請於 {due} 前將 {total} 匯至 {holder}，IBAN {iban}，BIC {bic}，並註明 {number}。", "金額幣別：{currency}",
            "反向課稅：加值型營業稅由買受人申報繳納，依歐盟指令 2006/112/EC 第 196 條。", "免稅：{reason}"),
    }.ToFrozenDictionary();

    public static InvoiceStrings For(Language language) => ByLanguage[language];

    private static FrozenDictionary<InvoiceStatus, string> StatusNames(string paid, string open, string pastDue, string voided, string refunded, string partiallyRefunded, string issued) =>
        new Dictionary<InvoiceStatus, string>
        {
            [InvoiceStatus.Paid] = paid,
            [InvoiceStatus.Open] = open,
            [InvoiceStatus.PastDue] = pastDue,
            [InvoiceStatus.Void] = voided,
            [InvoiceStatus.Refunded] = refunded,
            [InvoiceStatus.PartiallyRefunded] = partiallyRefunded,
            [InvoiceStatus.Issued] = issued,
        }.ToFrozenDictionary();
}
