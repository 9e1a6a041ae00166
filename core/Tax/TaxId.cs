namespace Billing.Core.Tax;

/// <summary>
/// A customer's tax id as checked (T2): <see cref="Value"/> is the id in its normal form (country
/// prefix, no spaces or dots: <c>DE136695976</c>, <c>CHE116281710</c>, <c>51824753556</c> for an ABN),
/// with what the register said of it. Built from text only through <see cref="TaxIdChecks.Check"/>.
/// </summary>
public sealed record TaxId(string Value, TaxIdStatus Status)
{
    public bool IsValid => Status == TaxIdStatus.Valid;

    public TaxId WithStatus(TaxIdStatus status) => this with { Status = status };
}
