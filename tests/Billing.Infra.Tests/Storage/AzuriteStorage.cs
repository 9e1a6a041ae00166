using Billing.Infra.Storage;

namespace Billing.Infra.Tests.Storage;

/// <summary>
/// The real Azurite emulator that <c>scripts/test.sh</c> starts and names in
/// <c>Storage__ConnectionString</c>. Each test class gets tables and a container of its own.
/// </summary>
public sealed class AzuriteStorage : IAsyncLifetime, IDisposable
{
    public AzuriteStorage()
    {
        var connectionString = Environment.GetEnvironmentVariable("Storage__ConnectionString");
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException("Storage__ConnectionString is not set: run the tests with ./scripts/test.sh, which starts Azurite.");
        }

        Storage = new BillingStorage(new StorageOptions { ConnectionString = connectionString });
    }

    public BillingStorage Storage { get; }

    public RenewalIndex Renewals => new(Storage.Renewals);

    public ReceivableIndex Receivables => new(Storage.Receivables, Ledger);

    public SpaceStore Spaces => new(Storage.Spaces, Renewals, Receivables, Billing.Core.Catalog.PriceCatalog.Default.Policy);

    public InvoiceLedger Ledger => new(Storage.Spaces);

    public Task InitializeAsync() => Storage.EnsureReadyAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Storage.Dispose();
}
