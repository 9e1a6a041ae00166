using Azure;
using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Core.Payments;

namespace Billing.Infra.Storage;

/// <summary>
/// The provider's customer of each billing account (one per space and provider), and the way back
/// from a customer to its space for the provider's events. Kept in the <c>payments</c> table, one
/// partition per space and one per customer, so lookups are point reads.
/// </summary>
public sealed class PaymentCustomers(TableClient table)
{
    private const string CustomerRow = "customer";
    private const string SpaceRow = "space";

    public async Task<string?> FindAsync(PaymentProvider provider, SpaceId space, CancellationToken cancellationToken)
    {
        var found = await StorageCalls.Guard(() => table.GetEntityIfExistsAsync<TableEntity>(SpacePartition(provider, space), CustomerRow, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return found.HasValue ? found.Value!.GetString("CustomerId") : null;
    }

    /// <summary>Keeps <paramref name="customerId"/> unless the space has one already, and answers the one kept: two racing setups end with one customer.</summary>
    public async Task<string> KeepAsync(PaymentProvider provider, SpaceId space, string customerId, CancellationToken cancellationToken)
    {
        try
        {
            await StorageCalls.Guard(() => table.AddEntityAsync(
                new TableEntity(SpacePartition(provider, space), CustomerRow) { ["CustomerId"] = customerId }, cancellationToken)).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            customerId = await FindAsync(provider, space, cancellationToken).ConfigureAwait(false) ?? customerId;
        }

        // The way back is written after the way there, and again by every later setup: a crash in between heals itself.
        await StorageCalls.Guard(() => table.UpsertEntityAsync(
            new TableEntity(CustomerPartition(provider, customerId), SpaceRow) { ["SpaceId"] = space.Value }, TableUpdateMode.Replace, cancellationToken)).ConfigureAwait(false);
        return customerId;
    }

    public async Task<SpaceId?> SpaceOfAsync(PaymentProvider provider, string customerId, CancellationToken cancellationToken)
    {
        var found = await StorageCalls.Guard(() => table.GetEntityIfExistsAsync<TableEntity>(CustomerPartition(provider, customerId), SpaceRow, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return found.HasValue && SpaceId.TryParse(found.Value!.GetString("SpaceId"), out var space) ? space : null;
    }

    private static string SpacePartition(PaymentProvider provider, SpaceId space) => $"space|{provider.ToApiName()}|{space.Value}";

    private static string CustomerPartition(PaymentProvider provider, string customerId) => $"customer|{provider.ToApiName()}|{RowKeys.Escape(customerId)}";
}
