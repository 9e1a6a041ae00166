using Billing.Core.Invoicing;
using Billing.Core.Tax;

namespace Billing.Functions.Views;

/// <summary>
/// The billing information as it stands (B7), in the shape <c>PUT .../billing-info</c> takes, so the
/// billing tab can prefill its form with it.
/// </summary>
public sealed record BillingInfoView(string Name, string Email, AddressView Address, string? TaxId, string? TaxIdStatus, bool TaxExempt, string Locale)
{
    public static BillingInfoView Of(BillingInfo info, TaxExemption? exemption) =>
        new(
            info.Name,
            info.Email,
            AddressView.Of(info.Address),
            info.TaxId?.Value,
            info.TaxId?.Status switch
            {
                Billing.Core.Tax.TaxIdStatus.Valid => "valid",
                Billing.Core.Tax.TaxIdStatus.Unverified => "unverified",
                Billing.Core.Tax.TaxIdStatus.Invalid => "invalid",
                _ => null,
            },
            exemption is not null,
            info.Locale.Tag);
}

public sealed record AddressView(string Line1, string? Line2, string City, string? PostalCode, string? Region, string Country)
{
    public static AddressView Of(PostalAddress address) =>
        new(address.Line1, address.Line2, address.City, address.PostalCode, address.Region, address.Country);
}
