using Azure.Data.Tables;
using Billing.Core.Amounts;
using Billing.Core.Common;
using Billing.Core.Spaces;
using Billing.Core.Invoicing;
using Billing.Core.Payments;
using Billing.Core.Subscriptions;
using Billing.Infra.Storage;
using static Billing.Infra.Tests.Storage.StorageScenario;

namespace Billing.Infra.Tests.Storage;

/// <summary>
/// I4 on Azurite: the receivables index follows every write of invoices, oldest due date first, and stays right
/// when a write crashes on either side of the index or is retried. Each test has a storage account of its own (a prefix),
/// since the list is of every space.
/// </summary>
[Trait("Rule", "I4")]
public sealed class ReceivableIndexTests : IAsyncLifetime, IDisposable
{
    private readonly BillingStorage _storage = new(new StorageOptions
    {
        ConnectionString = Environment.GetEnvironmentVariable("Storage__ConnectionString"),
        Prefix = $"r{Guid.NewGuid():N}"[..12],
    });

    private InvoiceLedger Ledger => new(_storage.Spaces);

    private ReceivableIndex Receivables => new(_storage.Receivables, Ledger);

    private SpaceStore Store => new(_storage.Spaces, new RenewalIndex(_storage.Renewals), Receivables, Billing.Core.Catalog.PriceCatalog.Default.Policy);

    [Fact]
    public async Task An_issued_invoice_is_listed_with_its_amount_due_partly_paid_with_less_and_paid_no_more()
    {
        var (space, invoice) = await IssuedAsync(dueInDays: 30);
        var listed = Assert.Single(await ListAllAsync());
        Assert.Equal((invoice.Id, invoice.Total), (listed.Id, listed.AmountDue));

        var partly = invoice.Receive(new ReceivedPayment(Money.Of(100, invoice.Total.Currency), Now, "BANK-1"));
        await MoveAsync(space, partly);
        Assert.Equal(invoice.Total.Amount - 100, Assert.Single(await ListAllAsync()).AmountDue.Amount);

        await MoveAsync(space, partly.Receive(new ReceivedPayment(partly.AmountDue, Now, "BANK-2")));
        Assert.Empty(await ListAllAsync());
        Assert.Equal(0, await RowsAsync());
    }

    [Fact]
    public async Task A_crash_after_the_space_write_leaves_a_stale_row_that_the_list_skips_and_removes()
    {
        var (space, invoice) = await IssuedAsync(dueInDays: 30);
        var paid = invoice.Receive(new ReceivedPayment(invoice.Total, Now, "BANK-1"));
        var etag = (await Ledger.GetAsync(space, invoice.Id, CancellationToken.None))!.Value.ETag;

        // The process dies between the space's write (the invoice stored paid) and the index's removal of its row.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Receivables.KeepAroundAsync<int>(
            [],
            [paid],
            async () =>
            {
                Assert.True(await Ledger.TryReplaceAsync(space, paid, etag, CancellationToken.None));
                throw new InvalidOperationException("died");
            },
            CancellationToken.None));
        Assert.Equal(InvoiceStatus.Paid, (await Ledger.GetAsync(space, invoice.Id, CancellationToken.None))!.Value.Invoice.Status);
        Assert.Equal(1, await RowsAsync());

        Assert.Empty(await ListAllAsync());
        Assert.Equal(0, await RowsAsync());
    }

    [Fact]
    public async Task A_crash_before_the_space_write_lists_nothing_and_the_rerun_lists_the_invoice_once()
    {
        var (space, invoice) = Drafted(dueInDays: 30);
        var before = (await StoredSpaceWithMembersAsync(Store, space))!;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Receivables.KeepAroundAsync<int>([invoice], [], () => throw new InvalidOperationException("died"), CancellationToken.None));
        Assert.Equal(1, await RowsAsync());
        Assert.Empty(await ListAllAsync()); // the row of an invoice never stored is not a receivable

        await Store.SaveAsync(Issuing(before, invoice), CancellationToken.None);
        // A retry of the same write from the same read is refused whole (its invoice exists): still listed once.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.SaveAsync(Issuing(before, invoice), CancellationToken.None));
        Assert.Equal(invoice.Id, Assert.Single(await ListAllAsync()).Id);
    }

    [Fact]
    public async Task Receivables_page_oldest_due_first_across_spaces_and_months_and_a_foreign_token_is_refused()
    {
        var due = new[] { 75, 3, 40, 12, 33 };
        var issued = new List<Invoice>();
        foreach (var days in due)
        {
            issued.Add((await IssuedAsync(days)).Invoice);
        }

        var pages = new List<IReadOnlyList<Invoice>>();
        string? token = null;
        do
        {
            var (items, next) = await Receivables.ListAsync(2, token, CancellationToken.None);
            pages.Add(items);
            token = next;
        }
        while (token is not null);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(issued.OrderBy(i => i.Content.DueAt).Select(i => i.Id), pages.SelectMany(p => p).Select(i => i.Id));
        foreach (var bad in new[] { "nonsense", "aW52b2ljZXN8eA", Convert.ToBase64String("202601/1|a|b"u8.ToArray()) })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Receivables.ListAsync(2, bad, CancellationToken.None));
        }
    }

    private async Task<List<Invoice>> ListAllAsync() => [.. (await Receivables.ListAsync(100, null, CancellationToken.None)).Items];

    private async Task<int> RowsAsync()
    {
        var count = 0;
        await foreach (var _ in _storage.Receivables.QueryAsync<TableEntity>())
        {
            count++;
        }

        return count;
    }

    private async Task<(SpaceId Space, Invoice Invoice)> IssuedAsync(int dueInDays)
    {
        var (space, invoice) = Drafted(dueInDays);
        var before = await StoredSpaceWithMembersAsync(Store, space);
        await Store.SaveAsync(Issuing(before, invoice), CancellationToken.None);
        return (space, invoice);
    }

    private async Task MoveAsync(SpaceId space, Invoice moved)
    {
        var before = (await Store.LoadAsync(space, CancellationToken.None))!;
        await Store.SaveAsync(Moving(before, moved), CancellationToken.None);
    }

    // A receivable: an invoice of a new space, to be paid by bank transfer by its due date.
    private static (SpaceId Space, Invoice Invoice) Drafted(int dueInDays)
    {
        var space = NewSpaceId();
        var created = SpaceDirectory.PutSpace(null, new Space(space, SpaceKind.Workspace, "Acme", null, Locale.Parse("nl-NL")), SpaceSurroundings.None, DirectoryService, At(Now)).Value;
        var member = SpaceDirectory.PutMember(created.State, new Member(Owner, "owner@acme.test", "Ada", MemberRole.Member, null), DirectoryService, At(Now)).Value;
        var draft = InvoicesOf(Upgrade(member.State)).Single().Content;
        return (space, Invoice.Issue(draft with { SpaceId = space, PaymentMethod = PaymentMethod.ByInvoice, DueAt = Now.AddDays(dueInDays) }, Now));
    }

    private static SpaceWrite Issuing(StoredSpace before, Invoice invoice) =>
        new(before, Decision.Unchanged(before.State), [invoice], null) { DecidedAt = Now };

    private static SpaceWrite Moving(StoredSpace before, Invoice invoice) =>
        new(before, Decision.Unchanged(before.State), [], null) { DecidedAt = Now, UpdatedInvoices = [invoice] };

    public Task InitializeAsync() => _storage.EnsureReadyAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _storage.Dispose();
}
