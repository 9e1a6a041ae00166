using System.Net;
using System.Net.Sockets;
using Billing.Core.Common;
using Billing.Infra.Storage;

namespace Billing.Infra.Tests.Storage;

public class StorageOutageTests
{
    [Fact]
    public async Task Storage_that_does_not_answer_is_reported_as_unavailable_not_as_a_crash()
    {
        using var storage = new BillingStorage(new StorageOptions { ConnectionString = ConnectionStringTo(UnusedPort()) });
        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.EnsureReadyAsync(CancellationToken.None));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => new SpaceStore(storage.Spaces, new RenewalIndex(storage.Renewals), new ReceivableIndex(storage.Receivables, new InvoiceLedger(storage.Spaces)), Billing.Core.Catalog.PriceCatalog.Default.Policy).LoadAsync(SpaceId.Parse("any"), CancellationToken.None));
        Assert.False(await storage.IsHealthyAsync(CancellationToken.None));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ConnectionStringTo(int port) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
}
