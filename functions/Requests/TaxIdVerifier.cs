using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Tax;
using Billing.Infra.Tax;

namespace Billing.Functions.Requests;

/// <summary>
/// Checks the tax id of billing information before it is decided on (T2): core says whether its
/// format and check digits are right and what its status is; this asks VIES in between, when it is
/// configured and the id is an EU VAT number. VIES down leaves the id unverified and never fails the request.
/// </summary>
public sealed class TaxIdVerifier(IServiceProvider services)
{
    private readonly ViesClient? _vies = services.GetService<ViesClient>();

    /// <summary><paramref name="info"/> with its tax id checked, or <c>tax_id_invalid</c>.</summary>
    public async Task<Result<BillingInfo>> CheckAsync(BillingInfo info, string? taxIdText, CancellationToken cancellationToken)
    {
        if (taxIdText is null)
        {
            return info with { TaxId = null };
        }

        var country = info.Address.Country;
        if (TaxIdFormats.Normalize(country, taxIdText) is not { } normal)
        {
            return Errors.TaxIdInvalid(country);
        }

        var answer = _vies is not null && TaxIdChecks.IsConfirmedOnline(country)
            ? await _vies.CheckAsync(normal, cancellationToken)
            : RegisterAnswer.NotAsked;
        return TaxIdChecks.Check(country, taxIdText, answer) is { } checkedId ? info with { TaxId = checkedId } : Errors.TaxIdInvalid(country);
    }

    /// <summary>The register's answer about a stored id that core wants checked again (the renewal run); not asked without VIES.</summary>
    public async Task<RegisterAnswer> AskAgainAsync(TaxId id, CancellationToken cancellationToken) =>
        _vies is null ? RegisterAnswer.NotAsked : await _vies.CheckAsync(id.Value, cancellationToken);
}
