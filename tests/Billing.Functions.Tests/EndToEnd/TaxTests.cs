using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using UglyToad.PdfPig;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>T1, T2, T3, M4 and V6 over HTTP, with VIES as its local stub and the PDFs read back with PdfPig.</summary>
public sealed class TaxTests(TaxServerFixture server) : IClassFixture<TaxServerFixture>
{
    private const string GermanVatId = "DE136695976";
    private readonly Api _api = new(server);

    private static object Upgrade(string country, string? taxId = null, string cycle = "monthly", string city = "Berlin", int seats = 5) => new
    {
        tier = "starter",
        cycle,
        seats,
        billingOwnerId = Owner,
        billingInfo = new { name = "Beispiel GmbH", email = "ap@beispiel.test", address = new { line1 = "Musterstrasse 1", city, postalCode = "10115", country }, taxId },
        paymentMethod = new { provider = "sandbox", token = "pm_sandbox_ok" },
    };

    private async Task<(string Space, JsonElement Invoice, string Pdf)> UpgradeAsync(object body)
    {
        var space = await _api.WorkspaceAsync();
        await _api.UpgradeAsync(space, body);
        var invoice = (await _api.InvoicesAsync(space)).GetProperty("items")[0];
        return (space, invoice, await PdfTextAsync(space));
    }

    private async Task<string> PdfTextAsync(string space)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await _api.As(Owner).GetAsync($"/api/spaces/{space}/invoices/latest/pdf");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 50)
            {
                await Task.Delay(100); // still being numbered and rendered by the pipeline
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        }
    }

    private static long Amount(JsonElement invoice, string field) => invoice.GetProperty(field).GetProperty("amount").GetInt64();

    private async Task<JsonElement> BillingInfoAsync(string space) => await Ok(await _api.As(Owner).GetAsync($"/api/spaces/{space}/billing-info"));

    [Fact]
    [Trait("Rule", "T1")]
    public async Task A_german_business_with_a_valid_vat_id_gets_a_reverse_charge_invoice_with_both_ids_and_zero_tax()
    {
        server.Vies.Register(GermanVatId);
        var (space, invoice, pdf) = await UpgradeAsync(Upgrade("DE", "DE 136 695 976", cycle: "annual"));

        Assert.Equal((0L, "EUR"), (Amount(invoice, "tax"), invoice.GetProperty("tax").GetProperty("currency").GetString()));
        Assert.Equal(Amount(invoice, "subtotal"), Amount(invoice, "total"));
        Assert.Contains("Btw verlegd: de btw wordt voldaan door de afnemer, artikel 196 van Richtlijn 2006/112/EG.", pdf, StringComparison.Ordinal); // the owner reads Dutch
        Assert.Contains(GermanVatId, pdf, StringComparison.Ordinal);
        Assert.Contains("NL000000000B01", pdf, StringComparison.Ordinal);
        Assert.Contains("Duitsland", pdf, StringComparison.Ordinal);
        var info = await BillingInfoAsync(space);
        Assert.Equal((GermanVatId, "valid", false), (info.GetProperty("taxId").GetString(), info.GetProperty("taxIdStatus").GetString(), info.GetProperty("taxExempt").GetBoolean()));
    }

    [Fact]
    [Trait("Rule", "T1")]
    public async Task A_french_consumer_pays_french_vat()
    {
        var (_, invoice, pdf) = await UpgradeAsync(Upgrade("FR", city: "Paris"));
        Assert.Equal((long)Math.Round(Amount(invoice, "subtotal") * 0.20m, MidpointRounding.AwayFromZero), Amount(invoice, "tax"));
        Assert.Contains("Btw (20 %)", pdf, StringComparison.Ordinal);
        Assert.Contains("Frankrijk", pdf, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "T1")]
    public async Task A_dutch_business_pays_dutch_vat_and_its_dutch_invoice_names_the_country_in_dutch()
    {
        server.Vies.Register("NL004495445B01");
        var (_, invoice, pdf) = await UpgradeAsync(Upgrade("NL", "NL004495445B01", city: "Amsterdam"));
        Assert.Equal((long)Math.Round(Amount(invoice, "subtotal") * 0.21m, MidpointRounding.AwayFromZero), Amount(invoice, "tax"));
        Assert.Contains("Btw (21 %)", pdf, StringComparison.Ordinal);
        Assert.Contains("Nederland", pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("Netherlands", pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("verlegd", pdf, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "T2")]
    [InlineData(ViesMode.MemberStateUnavailable)]
    [InlineData(ViesMode.ServerError)]
    [InlineData(ViesMode.Hanging)]
    public async Task With_vies_down_the_upgrade_goes_on_charged_as_a_consumer_and_the_renewal_run_confirms_the_id_for_the_next_invoice(ViesMode outage)
    {
        var vatId = outage switch { ViesMode.MemberStateUnavailable => "DE129390950", ViesMode.ServerError => "DE811125440", _ => "DE813184868" };
        server.Vies.Register(vatId);
        server.Vies.Mode = outage;
        var space = await _api.WorkspaceAsync();
        var clock = new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);
        await _api.SetClockAsync(clock);
        string pdf;
        try
        {
            await _api.UpgradeAsync(space, Upgrade("DE", vatId));
            var first = (await _api.InvoicesAsync(space)).GetProperty("items")[0];
            Assert.Equal((long)Math.Round(Amount(first, "subtotal") * 0.19m, MidpointRounding.AwayFromZero), Amount(first, "tax"));
            Assert.Equal("unverified", (await BillingInfoAsync(space)).GetProperty("taxIdStatus").GetString());
        }
        finally
        {
            server.Vies.Mode = ViesMode.Up;
        }

        await _api.SetClockAsync(clock.AddMonths(1).AddHours(1));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        Assert.Equal("valid", (await BillingInfoAsync(space)).GetProperty("taxIdStatus").GetString());
        var invoices = (await _api.InvoicesAsync(space)).GetProperty("items");
        Assert.Equal(2, invoices.GetArrayLength());
        Assert.Equal(0L, Amount(invoices[0], "tax")); // the renewal: reverse charge
        Assert.NotEqual(0L, Amount(invoices[1], "tax")); // the upgrade's invoice keeps its VAT
        pdf = await PdfTextAsync(space);
        Assert.Contains("artikel 196", pdf, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "T2")]
    public async Task A_vat_id_vies_does_not_know_is_kept_invalid_and_charged_as_a_consumer()
    {
        var (space, invoice, _) = await UpgradeAsync(Upgrade("DE", "DE811363057"));
        Assert.NotEqual(0L, Amount(invoice, "tax"));
        Assert.Equal("invalid", (await BillingInfoAsync(space)).GetProperty("taxIdStatus").GetString());
    }

    [Fact]
    [Trait("Rule", "T2")]
    public async Task An_upgrade_with_a_tax_id_of_wrong_check_digits_is_refused_and_nothing_is_written()
    {
        var space = await _api.WorkspaceAsync();
        var asked = server.Vies.Asked.Count;
        var problem = await Problem(
            await _api.As(Owner).PostAsJsonAsync($"/api/spaces/{space}/subscription", Upgrade("DE", "DE136695977")), HttpStatusCode.UnprocessableEntity, "tax_id_invalid");
        Assert.Contains("DE", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("basic", (await _api.BillingAsync(space)).GetProperty("plan").GetString());
        Assert.Equal(asked, server.Vies.Asked.Count); // refused offline, VIES never asked
    }

    [Fact]
    [Trait("Rule", "T2")]
    public async Task New_billing_information_with_a_malformed_tax_id_is_refused_and_the_old_one_stays()
    {
        var (space, _, _) = await UpgradeAsync(Upgrade("FR", city: "Paris"));
        var before = await BillingInfoAsync(space);
        var edited = new { name = "Beispiel GmbH", email = "ap@beispiel.test", address = new { line1 = "Musterstrasse 1", city = "Berlin", country = "DE" }, taxId = "DE12345" };
        await Problem(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}/billing-info", edited), HttpStatusCode.UnprocessableEntity, "tax_id_invalid");
        Assert.Equal(before.ToString(), (await BillingInfoAsync(space)).ToString());
    }

    [Fact]
    [Trait("Rule", "T2")]
    public async Task A_changed_tax_id_applies_from_the_next_invoice_and_never_rewrites_an_issued_one()
    {
        server.Vies.Register(GermanVatId);
        var (space, invoice, _) = await UpgradeAsync(Upgrade("DE"));
        var edited = new { name = "Beispiel GmbH", email = "ap@beispiel.test", address = new { line1 = "Musterstrasse 1", city = "Berlin", country = "DE" }, taxId = GermanVatId };
        await Ok(await _api.As(Owner).PutAsJsonAsync($"/api/spaces/{space}/billing-info", edited));
        var again = (await _api.InvoicesAsync(space)).GetProperty("items")[0];
        Assert.Equal(Amount(invoice, "tax"), Amount(again, "tax"));

        await Ok(await _api.As(Owner).PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats = 10 }));
        var change = (await _api.InvoicesAsync(space)).GetProperty("items")[0];
        Assert.NotEqual(invoice.GetProperty("id").GetString(), change.GetProperty("id").GetString());
        Assert.Equal(0L, Amount(change, "tax"));
    }

    [Fact]
    [Trait("Rule", "T3")]
    public async Task Sales_marks_a_customer_tax_exempt_its_next_invoice_has_no_tax_and_prints_the_reason_and_it_is_audited()
    {
        var (space, _, _) = await UpgradeAsync(Upgrade("NL", city: "Amsterdam"));
        var audits = await _api.AuditCountAsync(space);
        await Ok(await _api.Sales.PutAsJsonAsync($"/api/spaces/{space}/tax-exemption", new { exempt = true, reason = "Diplomatieke vertegenwoordiging, art. 151 Btw-richtlijn" }));
        Assert.True((await BillingInfoAsync(space)).GetProperty("taxExempt").GetBoolean());
        Assert.Equal(audits + 1, await _api.AuditCountAsync(space));

        await Ok(await _api.As(Owner).PatchAsJsonAsync($"/api/spaces/{space}/subscription", new { seats = 10 }));
        var change = (await _api.InvoicesAsync(space)).GetProperty("items")[0];
        Assert.Equal(0L, Amount(change, "tax"));
        Assert.Contains("Vrijgesteld van btw: Diplomatieke vertegenwoordiging, art. 151 Btw-richtlijn", await PdfTextAsync(space), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "T3")]
    public async Task Only_sales_marks_a_customer_exempt_and_a_bad_body_is_refused_without_a_change()
    {
        var (space, _, _) = await UpgradeAsync(Upgrade("NL", city: "Amsterdam"));
        var url = $"/api/spaces/{space}/tax-exemption";
        await Problem(await _api.As(Owner).PutAsJsonAsync(url, new { exempt = true, reason = "Because" }), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await _api.As(Stranger).PutAsJsonAsync(url, new { exempt = true, reason = "Because" }), HttpStatusCode.NotFound, "not_found");
        await Problem(await _api.Sales.PutAsJsonAsync(url, new { exempt = true }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PutAsJsonAsync(url, new { reason = "Because" }), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PutAsync(url, Json("{\"exempt\": \"yes\"}")), HttpStatusCode.BadRequest, "invalid_request");
        await Problem(await _api.Sales.PutAsJsonAsync($"/api/spaces/{await _api.WorkspaceAsync()}/tax-exemption", new { exempt = true, reason = "Because" }), HttpStatusCode.Conflict, "not_subscribed");
        Assert.False((await BillingInfoAsync(space)).GetProperty("taxExempt").GetBoolean());
    }

    [Fact]
    [Trait("Rule", "M4")]
    public async Task A_japanese_customer_pays_in_whole_yen_and_the_pdf_prints_yen_without_decimals()
    {
        var (_, invoice, pdf) = await UpgradeAsync(Upgrade("JP", city: "Tokyo"));
        Assert.Equal("JPY", invoice.GetProperty("total").GetProperty("currency").GetString());
        Assert.Equal((8500L, 0L), (Amount(invoice, "total"), Amount(invoice, "tax"))); // 5 seats x 1,700 yen, no tax outside the EU
        Assert.Contains("8.500", pdf, StringComparison.Ordinal); // the owner reads Dutch: JPY 8.500
        Assert.DoesNotContain("8.500,00", pdf, StringComparison.Ordinal);
        Assert.Contains("Japan", pdf, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "M4")]
    public async Task A_british_customer_pays_in_pounds_without_vat()
    {
        var (_, invoice, _) = await UpgradeAsync(Upgrade("GB", "GB 980 7806 84", city: "London"));
        Assert.Equal(("GBP", 4495L, 0L), (invoice.GetProperty("total").GetProperty("currency").GetString(), Amount(invoice, "total"), Amount(invoice, "tax")));
    }
}
