namespace Billing.Core.Tax;

/// <summary>
/// What is known of a tax id whose format and check digits are right (T2): confirmed, not confirmed
/// yet (VIES could not be reached, or no online register exists for its country), or refused by the
/// register. Only a <see cref="Valid"/> id makes a business of its holder for reverse charge (T1).
/// </summary>
public enum TaxIdStatus
{
    Valid,
    Unverified,
    Invalid,
}
