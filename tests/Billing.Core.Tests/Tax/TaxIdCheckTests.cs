using Billing.Core.Tax;

namespace Billing.Core.Tests.Tax;

/// <summary>T2: what a tax id's status is after its checks, and how a later answer of the register moves it.</summary>
public class TaxIdCheckTests
{
    [Theory]
    [Trait("Rule", "T2")]
    [InlineData(RegisterAnswer.Confirmed, TaxIdStatus.Valid)]
    [InlineData(RegisterAnswer.Refused, TaxIdStatus.Invalid)]
    [InlineData(RegisterAnswer.Unreachable, TaxIdStatus.Unverified)]
    [InlineData(RegisterAnswer.NotAsked, TaxIdStatus.Valid)]
    public void An_eu_vat_id_with_right_check_digits_takes_the_status_the_register_gives(RegisterAnswer answer, TaxIdStatus status) =>
        Assert.Equal(new TaxId("DE136695976", status), TaxIdChecks.Check("DE", "DE 136 695 976", answer));

    [Fact]
    [Trait("Rule", "T2")]
    public void An_id_with_wrong_check_digits_is_refused_whatever_the_register_would_say() =>
        Assert.Null(TaxIdChecks.Check("DE", "DE136695977", RegisterAnswer.Confirmed));

    [Theory]
    [Trait("Rule", "T2")]
    [InlineData("GB", "GB980780684")]
    [InlineData("CH", "CHE-100.155.212 MWST")]
    [InlineData("NO", "995525828MVA")]
    [InlineData("AU", "83 914 571 673")]
    public void An_id_outside_the_eu_is_valid_by_its_check_digits_alone(string country, string id) =>
        Assert.Equal(TaxIdStatus.Valid, TaxIdChecks.Check(country, id, RegisterAnswer.NotAsked)!.Status);

    [Fact]
    [Trait("Rule", "T2")]
    public void An_id_of_a_country_without_a_known_format_is_kept_unverified() =>
        Assert.Equal(new TaxId("12-3456789", TaxIdStatus.Unverified), TaxIdChecks.Check("US", "12-3456789", RegisterAnswer.NotAsked));

    [Theory]
    [Trait("Rule", "T2")]
    [InlineData(RegisterAnswer.Confirmed, TaxIdStatus.Valid)]
    [InlineData(RegisterAnswer.Refused, TaxIdStatus.Invalid)]
    [InlineData(RegisterAnswer.Unreachable, TaxIdStatus.Unverified)]
    public void A_later_check_moves_an_unverified_id_only_when_the_register_answers(RegisterAnswer answer, TaxIdStatus status) =>
        Assert.Equal(status, TaxIdChecks.Recheck(new TaxId("DE136695976", TaxIdStatus.Unverified), answer).Status);
}
