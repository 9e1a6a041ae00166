using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Billing.Infra.Storage;

/// <summary>
/// The storage account: the <c>billingNN</c> tables (one partition per space, see <see cref="SpaceTables"/>), the <c>counters</c> table
/// (invoice sequences), the <c>renewals</c> table (the renewal index), the <c>receivables</c> table (their index), the <c>payments</c> table (provider
/// customers, webhook inbox), and the <c>invoices</c> and <c>webhooks</c> blob containers. Tables and the container are created
/// on first use, so the app starts even while storage is down and answers 503 until it is back.
/// </summary>
public sealed class BillingStorage : IDisposable
{
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _ready;

    public BillingStorage(StorageOptions options)
    {
        // Few, quick retries: a request waiting on a storage outage should answer 503 soon, not hang.
        var retry = new Action<RetryOptions>(r =>
        {
            r.MaxRetries = 2;
            r.Delay = TimeSpan.FromMilliseconds(200);
            r.NetworkTimeout = TimeSpan.FromSeconds(10);
        });
        var tableOptions = new TableClientOptions();
        retry(tableOptions.Retry);
        var blobOptions = new BlobClientOptions();
        retry(blobOptions.Retry);

        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        retry(queueOptions.Retry);
        TableServiceClient tables;
        BlobServiceClient blobs;
        QueueServiceClient queues;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            tables = new TableServiceClient(options.ConnectionString, tableOptions);
            blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
            queues = new QueueServiceClient(options.ConnectionString, queueOptions);
        }
        else
        {
            var credential = new DefaultAzureCredential();
            tables = new TableServiceClient(new Uri($"https://{options.AccountName}.table.core.windows.net"), credential, tableOptions);
            blobs = new BlobServiceClient(new Uri($"https://{options.AccountName}.blob.core.windows.net"), credential, blobOptions);
            queues = new QueueServiceClient(new Uri($"https://{options.AccountName}.queue.core.windows.net"), credential, queueOptions);
        }

        var prefix = options.Prefix;
        Spaces = new SpaceTables(tables, prefix);
        Counters = tables.GetTableClient(prefix + "counters");
        Renewals = tables.GetTableClient(prefix + "renewals");
        Receivables = tables.GetTableClient(prefix + "receivables");
        Payments = tables.GetTableClient(prefix + "payments");
        Invoices = blobs.GetBlobContainerClient(prefix + "invoices");
        Locks = blobs.GetBlobContainerClient(prefix + "locks");
        Webhooks = blobs.GetBlobContainerClient(prefix + "webhooks");
        RenewalBatchQueue = queues.GetQueueClient(prefix + RenewalBatches.Name);
    }

    public SpaceTables Spaces { get; }

    public TableClient Counters { get; }

    public TableClient Renewals { get; }

    public TableClient Receivables { get; }

    public BlobContainerClient Invoices { get; }

    /// <summary>The payment providers' customers of each space, and the inbox of their webhook events.</summary>
    public TableClient Payments { get; }

    /// <summary>The raw body of every webhook event received, as the provider sent it.</summary>
    public BlobContainerClient Webhooks { get; }

    /// <summary>Blobs whose leases let one instance at a time run the renewal schedule outside the Functions host.</summary>
    public BlobContainerClient Locks { get; }

    public QueueClient RenewalBatchQueue { get; }

    /// <summary>Creates the tables and the container once; throws <see cref="StorageUnavailableException"/> while storage is down.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await StorageCalls.Guard(async () =>
                {
                    await Counters.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                    await Renewals.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                    await Receivables.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                    await Payments.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                    await Invoices.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    await Locks.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    await Webhooks.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    await RenewalBatchQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _creating.Release();
        }
    }

    public void Dispose() => _creating.Dispose();

    /// <summary>Whether storage answers now (for <c>GET /api/health</c>).</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            await StorageCalls.Guard(() => Counters.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }
}
