namespace Billing.Core.Tax;

/// <summary>How a tax id given by a customer becomes a <see cref="TaxId"/> (T2).</summary>
public static class TaxIdChecks
{
    /// <summary>Whether an id of <paramref name="country"/> is confirmed online, where a register is configured: EU VAT numbers, through VIES.</summary>
    public static bool IsConfirmedOnline(string country) => EuMemberStates.Contains(country);

    /// <summary>
    /// The id of a customer in <paramref name="country"/>, or null when its format or check digits are
    /// wrong (<c>tax_id_invalid</c>). Its status follows the register's answer: confirmed -> valid,
    /// refused -> invalid, unreachable -> unverified (charged as a consumer, checked again at renewal);
    /// not asked -> valid when its check digits prove it, unverified for a country we cannot check.
    /// </summary>
    public static TaxId? Check(string country, string text, RegisterAnswer answer)
    {
        if (TaxIdFormats.Normalize(country, text) is not { } normal)
        {
            return null;
        }

        var status = answer switch
        {
            RegisterAnswer.Confirmed => TaxIdStatus.Valid,
            RegisterAnswer.Refused => TaxIdStatus.Invalid,
            RegisterAnswer.Unreachable => TaxIdStatus.Unverified,
            _ => TaxIdFormats.IsChecked(country) ? TaxIdStatus.Valid : TaxIdStatus.Unverified,
        };
        return new TaxId(normal, status);
    }

    /// <summary>The id after a later check at the register (the renewal run): an unreachable register changes nothing.</summary>
    public static TaxId Recheck(TaxId id, RegisterAnswer answer) => answer switch
    {
        RegisterAnswer.Confirmed => id.WithStatus(TaxIdStatus.Valid),
        RegisterAnswer.Refused => id.WithStatus(TaxIdStatus.Invalid),
        _ => id,
    };
}
