using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Core.Tests.Support;
using static Billing.Core.Tests.Support.Given;

namespace Billing.Core.Tests.Invoicing;

public class InvoiceTests
{
    private static InvoiceDraft UpgradeInvoice(string country = "US") =>
        Upgrades.Upgrade(Space(), Upgrade(seats: 5, country: country), As(Alice), At(Now)).Ok().Invoices().Single();

    [Theory]
    [Trait("Rule", "V1")]
    [InlineData("2026-06-01T00:00:00Z", 1, "INV-2026-000001")]
    [InlineData("2026-12-31T23:30:00-05:00", 41, "INV-2027-000041")] // 04:30 UTC on 1 January
    [InlineData("2027-01-01T00:30:00+02:00", 42, "INV-2026-000042")] // still 2026 in UTC
    [InlineData("2027-03-01T00:00:00Z", 1_234_567, "INV-2027-1234567")]
    public void An_invoice_number_prints_the_utc_year_of_issue_beside_a_sequence_that_never_restarts(string issuedAt, long sequence, string printed)
    {
        var number = InvoiceNumber.For("INV", DateTimeOffset.Parse(issuedAt, System.Globalization.CultureInfo.InvariantCulture), sequence);

        Assert.Equal(printed, number.ToString());
        Assert.Equal(sequence, number.Sequence);
        Assert.True(InvoiceNumber.TryParse(printed, out var read));
        Assert.Equal(number, read);
    }

    [Fact]
    [Trait("Rule", "V1")]
    public void An_invoice_number_outside_the_sequence_cannot_be_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InvoiceNumber.For("INV", Now, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InvoiceNumber.For("INV", new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero), 1));
        Assert.Throws<ArgumentException>(() => InvoiceNumber.For(" ", Now, 1));
    }

    [Theory]
    [Trait("Rule", "V1")]
    [InlineData("INV-2026-000123", true)]
    [InlineData("INV-2026-0", false)]
    [InlineData("INV-26-000001", false)]
    [InlineData("INV2026000001", false)]
    [InlineData("", false)]
    public void Invoice_numbers_read_back_from_their_printed_form(string text, bool valid)
    {
        Assert.Equal(valid, InvoiceNumber.TryParse(text, out var number));
        if (valid)
        {
            Assert.Equal(text, number!.ToString());
        }
    }

    [Fact]
    [Trait("Rule", "V2")]
    public void An_invoice_carries_every_field_a_billing_owner_needs()
    {
        var invoice = Issued(UpgradeInvoice("NL"), sequence: 123);
        Assert.Equal("INV-2026-000123", invoice.NumberOrThrow.ToString());
        Assert.Equal(Given.Issuer, invoice.Issuer);
        Assert.Equal("Acme Corp", invoice.Content.BillTo.Name);
        Assert.Equal(Now, invoice.Content.IssuedAt);
        Assert.Equal(Now, invoice.Content.Period.Start);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal("4242", invoice.Content.PaymentMethod.Summary.Last4);
        Assert.Equal(invoice.Subtotal + invoice.Tax, invoice.Total);
    }

    [Fact]
    [Trait("Rule", "V2")]
    public void An_invoice_moves_forward_only_from_open_to_past_due_to_paid()
    {
        var invoice = Issued(UpgradeInvoice());
        var paid = invoice.MarkPastDue().MarkPaid(Now);
        Assert.Equal(InvoiceStatus.Paid, paid.Status);
        Assert.Equal(InvoiceStatus.Paid, paid.MarkPastDue().Status);
        Assert.Equal(InvoiceStatus.Paid, paid.MarkVoid().Status);
        Assert.Equal(InvoiceStatus.Void, invoice.MarkVoid().MarkPaid(Now).Status);
        Assert.Equal(["open", "paid", "partially_refunded", "past_due", "refunded", "void"], Enum.GetValues<InvoiceStatus>().Select(s => s.ToApiName()).Distinct().Order()); // API.md's, a credit note's issued among them as paid
    }

    [Theory]
    [Trait("Rule", "V4")]
    [InlineData("en-GB", Language.English)]
    [InlineData("fr-BE", Language.French)]
    [InlineData("nl", Language.Dutch)]
    [InlineData("sv-SE", Language.Swedish)]
    [InlineData("id-ID", Language.Indonesian)]
    [InlineData("zh-TW", Language.TraditionalChinese)]
    [InlineData("zh-Hant-HK", Language.TraditionalChinese)]
    [InlineData("de-DE", Language.English)]
    public void The_billing_owners_locale_chooses_the_language_of_invoices_and_emails(string tag, Language language) =>
        Assert.Equal(language, Locale.Parse(tag).Language);

    [Theory]
    [Trait("Rule", "V4")]
    [InlineData("")]
    [InlineData("english please")]
    [InlineData("e")]
    [InlineData("fr_FR")]
    public void A_locale_that_is_not_a_language_tag_is_refused(string tag) => Assert.False(Locale.TryParse(tag, out _));

    [Theory]
    [InlineData("space-1", true)]
    [InlineData("A_b-9", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ünïcode", false)]
    [InlineData("../etc", false)]
    public void Identifiers_are_1_to_64_characters_from_a_safe_alphabet(string text, bool valid)
    {
        Assert.Equal(valid, SpaceId.TryParse(text, out _));
        Assert.False(SpaceId.TryParse(new string('a', 65), out _));
        Assert.True(SpaceId.TryParse(new string('a', 64), out _));
    }

    [Fact]
    [Trait("Rule", "V2")]
    public void The_amount_due_is_the_total_until_the_invoice_is_paid_or_voided_and_nothing_after()
    {
        var issued = Issued(UpgradeInvoice());
        Assert.Equal(issued.Total, issued.AmountDue);
        Assert.Equal(issued.Total, issued.MarkPastDue().AmountDue);
        Assert.True(issued.MarkPaid(Now).AmountDue.IsZero);
        Assert.True(issued.MarkVoid().AmountDue.IsZero);
        Assert.Equal(issued.Total.Currency, issued.MarkPaid(Now).AmountDue.Currency);
    }
}
