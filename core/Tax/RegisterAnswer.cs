namespace Billing.Core.Tax;

/// <summary>What the EU's VIES register said of a VAT number (T2), or that it was not asked.</summary>
public enum RegisterAnswer
{
    /// <summary>No register was asked: VIES is not configured, or the id is not an EU VAT number.</summary>
    NotAsked,

    /// <summary>The member state confirms the number is registered.</summary>
    Confirmed,

    /// <summary>The member state says the number is not registered.</summary>
    Refused,

    /// <summary>VIES or the member state's system could not answer (MS_UNAVAILABLE, a timeout, an outage).</summary>
    Unreachable,
}
