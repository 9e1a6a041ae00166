using Billing.Core.Tax;

namespace Billing.Core.Tests.Tax;

/// <summary>
/// T2: ids as businesses publish them (on their invoices and sites, collected by python-stdnum's
/// test suite, and the examples of the registers' own documentation), valid and mangled.
/// </summary>
public class TaxIdFormatTests
{
    // Country, then ids found published, written the way they were found.
    private static readonly (string Country, string[] Ids)[] Published =
    [
        ("AT", ["ATU 142 43 102", "ATU 15159209", "ATU 28560205", "ATU13585627", "ATU46080404", "ATU61195628"]),
        ("BE", ["BE (0)468.561.072".Replace("(0)", "0", StringComparison.Ordinal), "BE 0202.239.951", "BE 0402 918 402", "BE 444.503.092", "BE0428759497", "BE413562567"]),
        ("BG", ["BG 103873594", "BG 124 551 319", "BG 175074752", "BG7111042925", "BG7523169263", "BG8032056031"]),
        ("CY", ["CY 10246672X", "CY 10263870R", "CY-10008489 A", "CY00632993 F"]),
        ("CZ", ["CZ 25123891", "CZ 640229/4448", "CZ 640903926", "CZ 6956220612", "CZ 736028/5163", "CZ00023205", "CZ450 33 145"]),
        ("DE", ["DE - 113866163", "DE 181 207 708", "DE 221.304.969", "DE119263782", "DE136308783", "DE812847601"]),
        ("DK", ["DK 10 50 32 80", "DK 2566 2202", "DK-27630308", "DK10150817", "DK: 21599336"]),
        ("EE", ["EE 100 931 558", "EE 100523487", "EE101256753"]),
        ("ES", ["ES - Q0818001J", "ES 54362315K", "ES A-28184661", "ES B-58378431", "ES X-5253868-R", "ES Y5277343F", "ES Z5277343K", "ES-x-2482300w", "ESA78109592"]),
        ("FI", ["FI 02459042", "FI 0982651-1", "FI 2094606-3", "FI18261444"]),
        ("FR", ["FR 04409414364", "FR 13 393 892 815", "FR 41-343848552", "FR K 7399859412", "FR83404833048", "Fr 40 303 265 045", "FR16000063601"]),
        ("GR", ["EL 039868210", "EL 94051189", "EL-082857563", "EL: 094279805", "El 800 179 925"]),
        ("HR", ["HR 33392005961"]),
        ("HU", ["HU -12509403", "HU 10672101", "HU-10402434", "HU11377304"]),
        ("IE", ["IE 0005306C", "IE 632 3420 C", "IE 6433435F", "IE6433435IH", "IE8D79739I", "IE9Y71814N"]),
        ("IT", ["IT - 01404480202", "IT 00 595 000 217", "IT 00118439991", "IT-01626160210", "IT: 02331250163"]),
        ("LT", ["LT 100001354118", "LT 119511515", "LT-100000979812", "LT100004801610", "LT290068995116"]),
        ("LU", ["LU 10059929", "LU 109 676 28", "LU.248.70.640", "LU: 2294 4200"]),
        ("LV", ["LV 4000 3521 600", "LV 40003189718", "LV 90000528023", "LV-42103048183"]),
        ("MT", ["MT 1039-6417", "MT 1167-9112", "MT 17025737"]),
        ("NL", ["NL 001241 643 B01", "NL 8225.69.759 b01", "NL-8197.38.116.B.01", "NL001162938B28", "NL4495445B01", "NL802003217B01"]),
        ("PL", ["PL 5211355116", "PL 584-030-44-72", "PL 687-16-26-585", "PL-7532365958"]),
        ("PT", ["PT 500 019 720", "PT 500135.495", "PT-505 856 468", "PT503038083"]),
        ("RO", ["RO 11358544", "RO 1630615123457", "RO 1822964", "RO 241 30 20", "RO 573768", "Ro 15071875"]),
        ("SE", ["SE 202 100-5000 01", "SE 556.383.740.901", "SE-5562245190-01", "Se 556250398601"]),
        ("SI", ["SI 26808498", "SI 3609 7152", "SI-83815201"]),
        ("SK", ["SK 1078449064", "SK 202 274 96 19", "SK2022193459"]),
        ("GB", ["GB 980 7806 84", "GB980780684", "GD001", "HA500"]),
        ("CH", ["CHE-100.155.212", "CHE-116.281.710 MWST", "100.155.212"]),
        ("NO", ["NO 995 525 828 MVA", "995525828"]),
        ("AU", ["83 914 571 673", "51 824 753 556"]),
    ];

    // The same kinds of ids with one digit or letter changed, or a broken format.
    private static readonly (string Country, string[] Ids)[] Mangled =
    [
        ("AT", ["ATU 143 43 102", "ATU 15169209", "AT1 142 43 102", "ATU 151592092"]),
        ("BE", ["BE 0406.139.583", "BE 456.973.432", "BE 02A2.239.951"]),
        ("BG", ["BG 1037735942", "BG 131 172 009", "BG 10X8735941"]),
        ("CY", ["CY 10246672F", "CY-12259033P", "CY-102590Z3P"]),
        ("CZ", ["CZ 25557481", "CZ 640913926", "CZ 8058018314", "CZ 95123891"]),
        ("DE", ["DE 125014855", "DE 246X595 415", "DE 011125440"]),
        ("DK", ["DK 11 96 56 58", "DK-27996592"]),
        ("EE", ["EE 100 941 558", "EE101256754"]),
        ("ES", ["ES 54362415K", "ES K-2814015-F", "ES-x-2322300w", "ES B-583784312"]),
        ("FI", ["FI 02459043"]),
        ("FR", ["FR 04409414264", "FR 21 326 565 603", "FR K 7399859312", "FR000076090", "FR IO334175221"]),
        ("GR", ["EL 094013834", "EL094501140"]),
        ("HR", ["HR 33392005962"]),
        ("HU", ["HU 10672102"]),
        ("IE", ["IE 4731823H", "IE 632 3421 C", "IE8D79729I", "IE 4550C59S"]),
        ("IT", ["IT 00687129980", "IT 00118439992"]),
        ("LT", ["LT 100001354", "LT 100001509922", "LT 100001919018"]),
        ("LU", ["LU 10059928"]),
        ("LV", ["LV 40003189715", "LV-42103048181", "LV 16137519997"]),
        ("MT", ["MT 1167-9113"]),
        ("NL", ["NL 001241643801", "NL 009122746B00", "NL B06753742B01", "NL 82X569759b01", "NL006866304B021"]),
        ("PL", ["PL 5211355117"]),
        ("PT", ["PT 500 019 721"]),
        ("RO", ["RO 11358545"]),
        ("SE", ["SE 55643359201", "SE 5567003255201", "SE 556383740902"]),
        ("SI", ["SI 26808497"]),
        ("SK", ["SK 1078449164", "SK 2030 237 945", "SK A078449064"]),
        ("GB", ["GB 802311781", "GD500", "HA499"]),
        ("CH", ["CHE-100.155.213"]),
        ("NO", ["NO 995 525 829 MVA"]),
        ("AU", ["99 999 999 999", "83 914 571 674"]),
    ];

    public static TheoryData<string, string> PublishedIds() => Rows(Published);

    public static TheoryData<string, string> MangledIds() => Rows(Mangled);

    [Theory]
    [Trait("Rule", "T2")]
    [MemberData(nameof(PublishedIds))]
    public void A_published_tax_id_passes_its_countrys_format_and_check_digits(string country, string id) =>
        Assert.NotNull(TaxIdFormats.Normalize(country, id));

    [Theory]
    [Trait("Rule", "T2")]
    [MemberData(nameof(MangledIds))]
    public void A_tax_id_with_a_wrong_check_digit_or_format_is_refused(string country, string id) =>
        Assert.Null(TaxIdFormats.Normalize(country, id));

    [Fact]
    [Trait("Rule", "T2")]
    public void Every_eu_member_state_and_gb_ch_no_au_is_checked_with_published_examples()
    {
        var countries = EuMemberStates.Countries.Concat(["GB", "CH", "NO", "AU"]).ToList();
        Assert.All(countries, c => Assert.True(TaxIdFormats.IsChecked(c), c));
        Assert.Equal(countries.Order(), Published.Select(p => p.Country).Order());
        Assert.Equal(countries.Order(), Mangled.Select(p => p.Country).Order());
    }

    [Theory]
    [Trait("Rule", "T2")]
    [InlineData("DE", "de 136 695 976", "DE136695976")]
    [InlineData("GR", "094279805", "EL094279805")]
    [InlineData("AT", "U13585627", "ATU13585627")]
    [InlineData("NL", "nl 4495445 b01", "NL004495445B01")]
    [InlineData("BE", "403.019.261", "BE0403019261")]
    [InlineData("GB", "GB 980 7806 84", "GB980780684")]
    [InlineData("CH", "CHE-100.155.212 TVA", "CHE100155212")]
    [InlineData("NO", "995 525 828", "NO995525828MVA")]
    [InlineData("AU", "ABN 83 914 571 673", "83914571673")]
    public void A_valid_tax_id_is_kept_in_its_normal_form_with_its_country_prefix(string country, string given, string normal) =>
        Assert.Equal(normal, TaxIdFormats.Normalize(country, given));

    [Fact]
    [Trait("Rule", "T2")]
    public void A_vat_number_of_another_member_state_than_the_billing_country_is_refused() =>
        Assert.Null(TaxIdFormats.Normalize("FR", "DE136695976"));

    [Fact]
    [Trait("Rule", "T2")]
    public void A_tax_id_of_a_country_we_cannot_check_is_kept_as_given()
    {
        Assert.False(TaxIdFormats.IsChecked("US"));
        Assert.Equal("12-3456789", TaxIdFormats.Normalize("US", " 12-3456789 "));
    }

    private static TheoryData<string, string> Rows((string Country, string[] Ids)[] table)
    {
        var data = new TheoryData<string, string>();
        foreach (var (country, ids) in table)
        {
            foreach (var id in ids)
            {
                data.Add(country, id);
            }
        }

        return data;
    }
}
