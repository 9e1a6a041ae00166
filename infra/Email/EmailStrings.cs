using System.Collections.Frozen;
using Billing.Core.Common;
using Billing.Core.Effects;

namespace Billing.Infra.Email;

/// <summary>Billing emails in the six languages of the help article (V4).</summary>
public static class EmailStrings
{
    private static readonly FrozenDictionary<Language, EmailLanguage> ByLanguage = new Dictionary<Language, EmailLanguage>
    {
        [Language.English] = new(
            "Hello {name},",
            "See your invoices online: {link}",
            "The Billing team",
            new("View invoice", "Open billing", "Confirm payment", "Amount due", "If the button does not work, copy this link into your browser: {link}", "You receive this email because you manage billing for {space}."),
            Texts(
                ("Invoice {number} for {space}", "Your invoice {number} for {space} is attached. Total: {total}."),
                ("Payment failed for {space}", "We could not collect the payment of {total} for invoice {number}. Your plan stays active while we retry over the next days. Please check your payment method."),
                ("Your paid plan for {space} has ended", "The paid plan of {space} has ended and the space is back on Basic. Nothing was deleted: your data, invoices and billing history are kept."),
                ("{space} now has {seats} seats", "A new member joined {space}, which was full, so the plan grew to {seats} seats. The prorated amount is charged to your payment method and sent to you as an invoice."),
                ("Your trial of {space} ends on {date}", "The free trial of {space} ends on {date}. Upgrade before then to keep the paid features."),
                ("Your trial of {space} has ended", "The free trial of {space} has ended and the space is back on Basic. You can upgrade at any time."),
                ("Please confirm the payment for {space}", "Your bank asks you to confirm the payment of {total} for invoice {number}. The invoice stays open until you confirm it here: {action}"),
                ("The payment method of {space} was removed", "The saved payment method of {space} was removed at the payment provider. Please add a card or PayPal account before the next renewal so that your plan stays active."),
                ("You no longer manage billing for {space}", "Billing ownership of {space} was handed to another member. You keep your membership and role; invoices and billing emails now go to the new billing owner."),
                ("You now manage billing for {space}", "You are now the billing owner of {space}: the plan, the payment method, the billing information and the invoices are yours to manage in the billing tab."),
                ("The plan of {space} was taken over by its organization", "The paid plan of {space} has ended because its organization (or division) now pays for its members. The unused part of the period goes back to the payment it came from; the credit note is attached."),
                ("Reminder: invoice {number} for {space} is due", "Invoice {number} for {space} is due and {due} of it is still to be paid. Please pay it by bank transfer, quoting the invoice number; the bank details are on the invoice. If you have just paid, thank you, and please ignore this reminder."),
                ("{space} is now paid for by its division", "{space} moved into a division whose plan pays for its members. Your team's plan stays until the end of the period you paid for and then ends instead of renewing; nothing more is charged for it. Nothing is deleted."),
                ("Credit note {number} for {space}", "Your credit note {number} for {space} is attached: {total}. An amount refunded goes back to the payment it came from; a voided invoice is no longer due."))),
        [Language.French] = new(
            "Bonjour {name},",
            "Consultez vos factures en ligne : {link}",
            "L'équipe Facturation",
            new("Voir la facture", "Ouvrir la facturation", "Confirmer le paiement", "Montant dû", "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur : {link}", "Vous recevez cet e-mail parce que vous gérez la facturation de {space}."),
            Texts(
                ("Facture {number} pour {space}", "Veuillez trouver ci-joint votre facture {number} pour {space}. Total : {total}."),
                ("Échec du paiement pour {space}", "Nous n'avons pas pu encaisser le paiement de {total} pour la facture {number}. Votre forfait reste actif pendant que nous réessayons dans les prochains jours. Veuillez vérifier votre moyen de paiement."),
                ("Votre forfait payant pour {space} a pris fin", "Le forfait payant de {space} a pris fin et l'espace est revenu au forfait Basic. Rien n'a été supprimé : vos données, factures et historique de facturation sont conservés."),
                ("{space} compte désormais {seats} places", "Un nouveau membre a rejoint {space}, qui était complet : le forfait est passé à {seats} places. Le montant au prorata est débité de votre moyen de paiement et vous est envoyé en facture."),
                ("Votre essai de {space} se termine le {date}", "L'essai gratuit de {space} se termine le {date}. Passez à un forfait payant avant cette date pour conserver les fonctionnalités payantes."),
                ("Votre essai de {space} est terminé", "L'essai gratuit de {space} est terminé et l'espace est revenu au forfait Basic. Vous pouvez passer à un forfait payant à tout moment."),
                ("Veuillez confirmer le paiement pour {space}", "Votre banque vous demande de confirmer le paiement de {total} pour la facture {number}. La facture reste ouverte jusqu'à votre confirmation ici : {action}"),
                ("Le moyen de paiement de {space} a été supprimé", "Le moyen de paiement enregistré pour {space} a été supprimé chez le prestataire de paiement. Veuillez ajouter une carte ou un compte PayPal avant le prochain renouvellement pour que votre forfait reste actif."),
                ("Vous ne gérez plus la facturation de {space}", "La gestion de la facturation de {space} a été confiée à un autre membre. Vous gardez votre adhésion et votre rôle ; les factures et les e-mails de facturation vont désormais au nouveau responsable de la facturation."),
                ("Vous gérez désormais la facturation de {space}", "Vous êtes désormais responsable de la facturation de {space} : le forfait, le moyen de paiement, les informations de facturation et les factures se gèrent dans l'onglet Facturation."),
                ("Le forfait de {space} a été repris par son organisation", "Le forfait payant de {space} a pris fin, car son organisation (ou sa division) paie désormais pour ses membres. La partie non utilisée de la période est remboursée sur le paiement d'origine ; l'avoir est joint."),
                ("Rappel : la facture {number} pour {space} est échue", "La facture {number} pour {space} est échue et il reste {due} à payer. Veuillez la régler par virement bancaire en indiquant le numéro de facture ; les coordonnées bancaires figurent sur la facture. Si vous venez de payer, merci, et ne tenez pas compte de ce rappel."),
                ("{space} est désormais payé par sa division", "{space} a rejoint une division dont le forfait paie pour ses membres. Le forfait de votre équipe reste actif jusqu'à la fin de la période payée, puis prend fin au lieu de se renouveler ; plus rien ne vous est facturé pour lui. Rien n'est supprimé."),
                ("Avoir {number} pour {space}", "Veuillez trouver ci-joint votre avoir {number} pour {space} : {total}. Un montant remboursé revient au paiement d'origine ; une facture annulée n'est plus due."))),
        [Language.Dutch] = new(
            "Hallo {name},",
            "Bekijk uw facturen online: {link}",
            "Het facturatieteam",
            new("Factuur bekijken", "Facturatie openen", "Betaling bevestigen", "Te betalen", "Werkt de knop niet? Kopieer deze link in uw browser: {link}", "U ontvangt deze e-mail omdat u de facturatie van {space} beheert."),
            Texts(
                ("Factuur {number} voor {space}", "In de bijlage vindt u factuur {number} voor {space}. Totaal: {total}."),
                ("Betaling mislukt voor {space}", "We konden de betaling van {total} voor factuur {number} niet innen. Uw abonnement blijft actief terwijl we het de komende dagen opnieuw proberen. Controleer uw betaalmethode."),
                ("Uw betaalde abonnement voor {space} is beëindigd", "Het betaalde abonnement van {space} is beëindigd en de ruimte is terug op Basic. Er is niets verwijderd: uw gegevens, facturen en factuurgeschiedenis blijven bewaard."),
                ("{space} heeft nu {seats} plaatsen", "Er is een nieuw lid bij {space} gekomen, dat vol was, dus het abonnement is uitgebreid naar {seats} plaatsen. Het naar rato berekende bedrag wordt van uw betaalmethode afgeschreven en als factuur verstuurd."),
                ("Uw proefperiode van {space} eindigt op {date}", "De gratis proefperiode van {space} eindigt op {date}. Upgrade vóór die datum om de betaalde functies te behouden."),
                ("Uw proefperiode van {space} is afgelopen", "De gratis proefperiode van {space} is afgelopen en de ruimte is terug op Basic. U kunt op elk moment upgraden."),
                ("Bevestig de betaling voor {space}", "Uw bank vraagt u de betaling van {total} voor factuur {number} te bevestigen. De factuur blijft openstaan tot u deze hier bevestigt: {action}"),
                ("De betaalmethode van {space} is verwijderd", "De opgeslagen betaalmethode van {space} is bij de betaalprovider verwijderd. Voeg vóór de volgende verlenging een kaart of PayPal-account toe zodat uw abonnement actief blijft."),
                ("U beheert de facturatie van {space} niet meer", "Het beheer van de facturatie van {space} is overgedragen aan een ander lid. U behoudt uw lidmaatschap en rol; facturen en factuurmails gaan voortaan naar de nieuwe facturatiebeheerder."),
                ("U beheert nu de facturatie van {space}", "U bent nu de facturatiebeheerder van {space}: het abonnement, de betaalmethode, de factuurgegevens en de facturen beheert u op het tabblad Facturatie."),
                ("Het abonnement van {space} is overgenomen door de organisatie", "Het betaalde abonnement van {space} is beëindigd omdat de organisatie (of divisie) nu voor de leden betaalt. Het ongebruikte deel van de periode wordt teruggestort naar de oorspronkelijke betaling; de creditnota is bijgevoegd."),
                ("Herinnering: factuur {number} voor {space} is vervallen", "Factuur {number} voor {space} is vervallen en er staat nog {due} open. Betaal deze per bankoverschrijving onder vermelding van het factuurnummer; de bankgegevens staan op de factuur. Heeft u net betaald, dank u wel, en negeer dan deze herinnering."),
                ("{space} wordt nu betaald door de divisie", "{space} is verplaatst naar een divisie waarvan het abonnement voor de leden betaalt. Het abonnement van uw team blijft tot het einde van de betaalde periode en eindigt dan in plaats van te worden verlengd; er wordt niets meer voor in rekening gebracht. Er wordt niets verwijderd."),
                ("Creditnota {number} voor {space}", "Uw creditnota {number} voor {space} is bijgevoegd: {total}. Een terugbetaald bedrag gaat terug naar de oorspronkelijke betaling; een geannuleerde factuur is niet meer verschuldigd."))),
        [Language.Swedish] = new(
            "Hej {name},",
            "Se dina fakturor online: {link}",
            "Faktureringsteamet",
            new("Visa faktura", "Öppna fakturering", "Bekräfta betalning", "Att betala", "Om knappen inte fungerar kan du kopiera den här länken till din webbläsare: {link}", "Du får det här mejlet eftersom du hanterar faktureringen för {space}."),
            Texts(
                ("Faktura {number} för {space}", "Bifogat finns din faktura {number} för {space}. Totalt: {total}."),
                ("Betalningen misslyckades för {space}", "Vi kunde inte dra betalningen på {total} för faktura {number}. Din plan förblir aktiv medan vi försöker igen de närmaste dagarna. Kontrollera din betalningsmetod."),
                ("Din betalda plan för {space} har upphört", "Den betalda planen för {space} har upphört och utrymmet är tillbaka på Basic. Inget har raderats: dina data, fakturor och din faktureringshistorik finns kvar."),
                ("{space} har nu {seats} platser", "En ny medlem gick med i {space}, som var fullt, så planen utökades till {seats} platser. Det proportionella beloppet dras från din betalningsmetod och skickas som faktura."),
                ("Din provperiod för {space} slutar den {date}", "Den kostnadsfria provperioden för {space} slutar den {date}. Uppgradera innan dess för att behålla de betalda funktionerna."),
                ("Din provperiod för {space} har slutat", "Den kostnadsfria provperioden för {space} har slutat och utrymmet är tillbaka på Basic. Du kan uppgradera när som helst."),
                ("Bekräfta betalningen för {space}", "Din bank ber dig bekräfta betalningen på {total} för faktura {number}. Fakturan förblir öppen tills du bekräftar den här: {action}"),
                ("Betalningsmetoden för {space} har tagits bort", "Den sparade betalningsmetoden för {space} har tagits bort hos betalningsleverantören. Lägg till ett kort eller ett PayPal-konto före nästa förnyelse så att din plan förblir aktiv."),
                ("Du hanterar inte längre faktureringen för {space}", "Ansvaret för faktureringen av {space} har lämnats över till en annan medlem. Du behåller ditt medlemskap och din roll; fakturor och faktureringsmejl går nu till den nya faktureringsansvariga."),
                ("Du hanterar nu faktureringen för {space}", "Du är nu faktureringsansvarig för {space}: planen, betalningsmetoden, faktureringsuppgifterna och fakturorna hanterar du under fliken Fakturering."),
                ("Planen för {space} har tagits över av organisationen", "Den betalda planen för {space} har upphört eftersom organisationen (eller divisionen) nu betalar för dess medlemmar. Den oanvända delen av perioden återbetalas till den ursprungliga betalningen; kreditnotan är bifogad."),
                ("Påminnelse: faktura {number} för {space} har förfallit", "Faktura {number} för {space} har förfallit och {due} återstår att betala. Betala den med banköverföring och ange fakturanumret; bankuppgifterna finns på fakturan. Om du nyss har betalat, tack, och bortse från denna påminnelse."),
                ("{space} betalas nu av sin division", "{space} har flyttats till en division vars plan betalar för dess medlemmar. Ert teams plan gäller till slutet av den betalda perioden och upphör sedan i stället för att förnyas; inget mer debiteras för den. Inget raderas."),
                ("Kreditnota {number} för {space}", "Din kreditnota {number} för {space} är bifogad: {total}. Ett återbetalt belopp går tillbaka till den ursprungliga betalningen; en makulerad faktura ska inte längre betalas."))),
        [Language.Indonesian] = new(
            "Halo {name},",
            "Lihat faktur Anda secara online: {link}",
            "Tim Penagihan",
            new("Lihat faktur", "Buka penagihan", "Konfirmasi pembayaran", "Jumlah terutang", "Jika tombol tidak berfungsi, salin tautan ini ke browser Anda: {link}", "Anda menerima email ini karena Anda mengelola penagihan untuk {space}."),
            Texts(
                ("Faktur {number} untuk {space}", "Terlampir faktur {number} untuk {space}. Total: {total}."),
                ("Pembayaran gagal untuk {space}", "Kami tidak dapat menagih pembayaran sebesar {total} untuk faktur {number}. Paket Anda tetap aktif selama kami mencoba lagi dalam beberapa hari ke depan. Silakan periksa metode pembayaran Anda."),
                ("Paket berbayar untuk {space} telah berakhir", "Paket berbayar {space} telah berakhir dan ruang kerja kembali ke Basic. Tidak ada yang dihapus: data, faktur, dan riwayat tagihan Anda tetap tersimpan."),
                ("{space} kini memiliki {seats} kursi", "Anggota baru bergabung dengan {space} yang sudah penuh, sehingga paket bertambah menjadi {seats} kursi. Jumlah prorata ditagihkan ke metode pembayaran Anda dan dikirim sebagai faktur."),
                ("Uji coba {space} berakhir pada {date}", "Uji coba gratis {space} berakhir pada {date}. Tingkatkan paket sebelum tanggal tersebut untuk tetap menggunakan fitur berbayar."),
                ("Uji coba {space} telah berakhir", "Uji coba gratis {space} telah berakhir dan ruang kerja kembali ke Basic. Anda dapat meningkatkan paket kapan saja."),
                ("Harap konfirmasi pembayaran untuk {space}", "Bank Anda meminta Anda mengonfirmasi pembayaran sebesar {total} untuk faktur {number}. Faktur tetap terbuka hingga Anda mengonfirmasinya di sini: {action}"),
                ("Metode pembayaran {space} telah dihapus", "Metode pembayaran tersimpan untuk {space} telah dihapus di penyedia pembayaran. Silakan tambahkan kartu atau akun PayPal sebelum perpanjangan berikutnya agar paket Anda tetap aktif."),
                ("Anda tidak lagi mengelola penagihan {space}", "Pengelolaan penagihan {space} telah diserahkan kepada anggota lain. Keanggotaan dan peran Anda tetap; faktur dan email penagihan kini dikirim ke pemilik penagihan yang baru."),
                ("Anda kini mengelola penagihan {space}", "Anda kini pemilik penagihan {space}: paket, metode pembayaran, informasi penagihan, dan faktur dapat Anda kelola di tab Penagihan."),
                ("Paket {space} telah diambil alih oleh organisasinya", "Paket berbayar {space} telah berakhir karena organisasinya (atau divisinya) kini membayar untuk anggotanya. Bagian periode yang tidak terpakai dikembalikan ke pembayaran asalnya; nota kredit terlampir."),
                ("Pengingat: faktur {number} untuk {space} telah jatuh tempo", "Faktur {number} untuk {space} telah jatuh tempo dan masih tersisa {due} yang harus dibayar. Harap bayar melalui transfer bank dengan mencantumkan nomor faktur; rincian bank tercantum pada faktur. Jika Anda baru saja membayar, terima kasih, dan abaikan pengingat ini."),
                ("{space} kini dibayar oleh divisinya", "{space} telah dipindahkan ke divisi yang paketnya membayar untuk anggotanya. Paket tim Anda tetap berlaku hingga akhir periode yang telah dibayar, lalu berakhir alih-alih diperpanjang; tidak ada lagi tagihan untuknya. Tidak ada yang dihapus."),
                ("Nota kredit {number} untuk {space}", "Nota kredit {number} untuk {space} terlampir: {total}. Jumlah yang dikembalikan kembali ke pembayaran asalnya; faktur yang dibatalkan tidak lagi harus dibayar."))),
        [Language.TraditionalChinese] = new(
            "{name} 您好：",
            "線上查看您的發票：{link}",
            "帳務團隊",
            new("查看發票", "開啟帳務頁面", "確認付款", "應付金額", "如果按鈕無法使用，請將此連結複製到瀏覽器：{link}", "您收到這封郵件，是因為您負責管理 {space} 的帳務。"),
            Texts(
                ("{space} 的發票 {number}", "附件為 {space} 的發票 {number}。總計：{total}。"),
                ("{space} 付款失敗", "我們無法收取發票 {number} 的款項 {total}。在接下來幾天重試期間，您的方案仍會保持啟用。請檢查您的付款方式。"),
                ("{space} 的付費方案已結束", "{space} 的付費方案已結束，空間已回到 Basic 版。我們沒有刪除任何內容：您的資料、發票和帳單記錄都會保留。"),
                ("{space} 現在有 {seats} 個席位", "有新成員加入已滿的 {space}，因此方案已增加到 {seats} 個席位。按比例計算的金額將從您的付款方式扣款，並以發票寄送給您。"),
                ("{space} 的試用將於 {date} 結束", "{space} 的免費試用將於 {date} 結束。請在此之前升級，以繼續使用付費功能。"),
                ("{space} 的試用已結束", "{space} 的免費試用已結束，空間已回到 Basic 版。您隨時可以升級。"),
                ("請確認 {space} 的付款", "您的銀行要求您確認發票 {number} 的款項 {total}。在您於此確認之前，發票會保持未付款狀態：{action}"),
                ("{space} 的付款方式已被移除", "{space} 已儲存的付款方式已在付款服務商處被移除。請在下次續約前新增信用卡或 PayPal 帳戶，讓您的方案保持啟用。"),
                ("您已不再管理 {space} 的帳務", "{space} 的帳務管理權已移交給另一位成員。您的成員資格與角色維持不變；發票與帳務郵件今後將寄給新的帳務負責人。"),
                ("您現在負責管理 {space} 的帳務", "您現在是 {space} 的帳務負責人：方案、付款方式、帳單資訊與發票都可在帳務分頁中管理。"),
                ("{space} 的方案已由其組織接手", "{space} 的付費方案已結束，因為其組織（或部門）現在為其成員付費。期間內未使用的部分將退回原付款方式；附上貸項通知單。"),
                ("提醒：{space} 的發票 {number} 已到期", "{space} 的發票 {number} 已到期，尚有 {due} 未付款。請以銀行轉帳付款並註明發票號碼；銀行資料列於發票上。如您剛已付款，謝謝您，請忽略此提醒。"),
                ("{space} 現在由其部門付費", "{space} 已移入一個部門，該部門的方案為其成員付費。您團隊的方案會持續到已付費期間結束，之後將結束而不再續約；不會再為此收取任何費用。不會刪除任何內容。"),
                ("{space} 的貸項通知單 {number}", "隨信附上 {space} 的貸項通知單 {number}：{total}。退款將退回原付款方式；已作廢的發票無須再付款。"))),
    }.ToFrozenDictionary();

    public static EmailLanguage For(Language language) => ByLanguage[language];

    private static FrozenDictionary<EmailKind, EmailText> Texts(
        (string, string) invoice, (string, string) paymentFailed, (string, string) planEnded, (string, string) seatsIncreased, (string, string) trialEnding, (string, string) trialEnded,
        (string, string) actionRequired, (string, string) methodRemoved, (string, string) ownershipHandedOver, (string, string) ownershipReceived,
        (string, string) planTakenOver, (string, string) reminder, (string, string) planCoveredByDivision, (string, string) creditNote) =>
        new Dictionary<EmailKind, EmailText>
        {
            [EmailKind.Invoice] = new(invoice.Item1, invoice.Item2),
            [EmailKind.PaymentFailed] = new(paymentFailed.Item1, paymentFailed.Item2),
            [EmailKind.PlanEnded] = new(planEnded.Item1, planEnded.Item2),
            [EmailKind.SeatsIncreasedAutomatically] = new(seatsIncreased.Item1, seatsIncreased.Item2),
            [EmailKind.TrialEnding] = new(trialEnding.Item1, trialEnding.Item2),
            [EmailKind.TrialEnded] = new(trialEnded.Item1, trialEnded.Item2),
            [EmailKind.PaymentActionRequired] = new(actionRequired.Item1, actionRequired.Item2),
            [EmailKind.PaymentMethodRemoved] = new(methodRemoved.Item1, methodRemoved.Item2),
            [EmailKind.BillingOwnershipHandedOver] = new(ownershipHandedOver.Item1, ownershipHandedOver.Item2),
            [EmailKind.BillingOwnershipReceived] = new(ownershipReceived.Item1, ownershipReceived.Item2),
            [EmailKind.PlanTakenOver] = new(planTakenOver.Item1, planTakenOver.Item2),
            [EmailKind.PaymentReminder] = new(reminder.Item1, reminder.Item2),
            [EmailKind.PlanCoveredByDivision] = new(planCoveredByDivision.Item1, planCoveredByDivision.Item2),
            [EmailKind.CreditNote] = new(creditNote.Item1, creditNote.Item2),
        }.ToFrozenDictionary();
}
