using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Infra.Storage;
using static Billing.Infra.Tests.Storage.StorageScenario;

namespace Billing.Infra.Tests.Storage;

public class InvoiceNumberingTests(AzuriteStorage azurite) : IClassFixture<AzuriteStorage>
{
    private static Issuer IssuerWithOwnSequence() => StorageScenario.Issuer with { InvoiceNumberPrefix = $"T{Guid.NewGuid():N}"[..8].ToUpperInvariant() };

    private async Task<(SpaceId Space, InvoiceId Invoice)> StoredInvoiceAsync()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(azurite.Spaces, id);
        var upgrade = Upgrade(loaded.State);
        var invoices = InvoicesOf(upgrade);
        await azurite.Spaces.SaveAsync(new SpaceWrite(loaded, upgrade, invoices, null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        return (id, invoices[0].Id);
    }

    /// <summary>The invoice's row as a caller reads it before handing it to numbering.</summary>
    private async Task<InvoiceRead> ReadAsync(SpaceId space, InvoiceId invoice)
    {
        var since = System.Diagnostics.Stopwatch.GetTimestamp();
        var (record, etag) = (await azurite.Ledger.GetAsync(space, invoice, CancellationToken.None))!.Value;
        return new InvoiceRead(record, etag, since);
    }

    [Fact]
    [Trait("Rule", "V1")]
    public async Task Invoices_numbered_side_by_side_get_one_gap_free_sequence()
    {
        var issuer = IssuerWithOwnSequence();
        var numbering = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer);
        var stored = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => StoredInvoiceAsync()));

        var numbers = (await Task.WhenAll(stored.Select(s => numbering.NumberAsync(s.Space, s.Invoice, CancellationToken.None)))).Select(n => n.Invoice).ToList();

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), numbers.Select(n => n.NumberOrThrow.Sequence).Order());
        Assert.All(numbers, n => Assert.Equal($"{issuer.InvoiceNumberPrefix}-2026-{n.NumberOrThrow.Sequence:D6}", n.NumberOrThrow.ToString()));
    }

    [Fact]
    [Trait("Rule", "V1")]
    public async Task Invoices_that_ask_while_a_draw_is_under_way_are_numbered_together_by_one_counter_write()
    {
        var issuer = IssuerWithOwnSequence();
        var numbering = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer);
        var stored = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            var (space, invoice) = await StoredInvoiceAsync();
            return (Space: space, Invoice: invoice, Read: await ReadAsync(space, invoice));
        }));

        // Each call hands over the invoice as just read, so all twelve ask before the first draw has answered.
        var numbered = await Task.WhenAll(stored.Select(s => numbering.NumberAsync(s.Space, s.Invoice, CancellationToken.None, s.Read)));

        Assert.All(numbered, n => Assert.True(n.Drawn));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), numbered.Select(n => n.Invoice.NumberOrThrow.Sequence).Order());
        var counter = (await azurite.Storage.Counters.GetEntityAsync<TableEntity>("invoice-number", issuer.InvoiceNumberPrefix)).Value;
        Assert.Equal($"{issuer.InvoiceNumberPrefix}-2026-000012", counter.GetString("Last"));
        var lastDraw = System.Text.Json.JsonSerializer.Deserialize<string[][]>(counter.GetString("Drawn"))!;
        Assert.True(lastDraw.Length > 1, $"The last draw numbered {lastDraw.Length} invoice(s).");
        foreach (var (space, invoice, _) in stored)
        {
            Assert.True((await azurite.Ledger.GetAsync(space, invoice, CancellationToken.None))!.Value.Invoice.IsNumbered);
        }
    }

    [Fact]
    [Trait("Rule", "V1")]
    public async Task A_number_is_stored_by_the_callers_own_write_when_it_succeeds_and_stamped_alone_when_it_fails_or_declines()
    {
        var issuer = IssuerWithOwnSequence();
        var numbering = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer);
        var stored = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            var (space, invoice) = await StoredInvoiceAsync();
            return (Space: space, Invoice: invoice, Read: await ReadAsync(space, invoice));
        }));
        var offered = new List<Invoice>();

        // The caller's write: here the invoice marked paid with its number, in place of the stamp.
        var own = await numbering.NumberAsync(stored[0].Space, stored[0].Invoice, CancellationToken.None, stored[0].Read, async numbered =>
        {
            offered.Add(numbered);
            return await azurite.Ledger.TryReplaceAsync(stored[0].Space, numbered.MarkPaid(DateTimeOffset.UtcNow), stored[0].Read.ETag, CancellationToken.None);
        });
        var failed = await numbering.NumberAsync(stored[1].Space, stored[1].Invoice, CancellationToken.None, stored[1].Read, _ => throw new InvalidOperationException("the write failed"));
        var declined = await numbering.NumberAsync(stored[2].Space, stored[2].Invoice, CancellationToken.None, stored[2].Read, _ => Task.FromResult(false));

        Assert.Equal(offered.Single().Number, own.Invoice.Number);
        var paid = (await azurite.Ledger.GetAsync(stored[0].Space, stored[0].Invoice, CancellationToken.None))!.Value.Invoice;
        Assert.Equal((own.Invoice.Number, InvoiceStatus.Paid), (paid.Number, paid.Status));
        Assert.Equal(failed.Invoice.Number, (await azurite.Ledger.GetAsync(stored[1].Space, stored[1].Invoice, CancellationToken.None))!.Value.Invoice.Number);
        Assert.Equal(declined.Invoice.Number, (await azurite.Ledger.GetAsync(stored[2].Space, stored[2].Invoice, CancellationToken.None))!.Value.Invoice.Number);
        Assert.Equal([1L, 2L, 3L], new[] { own, failed, declined }.Select(n => n.Invoice.NumberOrThrow.Sequence));
        Assert.All(new[] { own, failed, declined }, n => Assert.True(n.Drawn));
    }

    [Fact]
    [Trait("Rule", "V1")]
    public async Task A_draw_that_died_before_stamping_its_invoices_is_stamped_by_the_next_and_none_is_skipped()
    {
        var issuer = IssuerWithOwnSequence();
        var numbering = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer);
        var crashed = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StoredInvoiceAsync()));
        var (space, invoice) = await StoredInvoiceAsync();

        // The crash: the counter moved to 3 for three invoices, none of them stamped.
        await azurite.Storage.Counters.AddEntityAsync(new TableEntity("invoice-number", issuer.InvoiceNumberPrefix)
        {
            ["Last"] = $"{issuer.InvoiceNumberPrefix}-2026-000003",
            ["Drawn"] = System.Text.Json.JsonSerializer.Serialize(crashed.Select(c => new[] { c.Space.Value, c.Invoice.Value })),
        });

        var (next, drawn) = await numbering.NumberAsync(space, invoice, CancellationToken.None);

        Assert.True(drawn);
        Assert.Equal(4, next.NumberOrThrow.Sequence);
        for (var i = 0; i < crashed.Length; i++)
        {
            Assert.Equal(i + 1, (await azurite.Ledger.GetAsync(crashed[i].Space, crashed[i].Invoice, CancellationToken.None))!.Value.Invoice.Number!.Sequence);
        }
    }

    [Theory]
    [Trait("Rule", "V1")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_invoice_another_instance_numbered_after_this_one_read_it_keeps_its_number_and_none_is_skipped(bool counterReadAfreshSince)
    {
        var issuer = IssuerWithOwnSequence();
        using var here = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer);
        using var there = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer);
        var (w, x, y, v, z) = (await StoredInvoiceAsync(), await StoredInvoiceAsync(), await StoredInvoiceAsync(), await StoredInvoiceAsync(), await StoredInvoiceAsync());
        await here.NumberAsync(w.Space, w.Invoice, CancellationToken.None); // this instance now remembers the counter
        var xAsReadHere = await ReadAsync(x.Space, x.Invoice);

        // Meanwhile the other instance numbers the same invoice, then another one.
        await there.NumberAsync(x.Space, x.Invoice, CancellationToken.None);
        await there.NumberAsync(y.Space, y.Invoice, CancellationToken.None);
        if (counterReadAfreshSince)
        {
            // This one numbers v: its remembered counter is stale, so it reads it afresh and remembers it again,
            // all before x's older read is handed over.
            await here.NumberAsync(v.Space, v.Invoice, CancellationToken.None);
        }

        var (again, drew) = await here.NumberAsync(x.Space, x.Invoice, CancellationToken.None, xAsReadHere);
        await here.NumberAsync(z.Space, z.Invoice, CancellationToken.None);

        Assert.False(drew);
        Assert.Equal(2, again.NumberOrThrow.Sequence);
        var numbered = counterReadAfreshSince ? new[] { w, x, y, v, z } : [w, x, y, z];
        var numbers = await Task.WhenAll(numbered.Select(async i => (await azurite.Ledger.GetAsync(i.Space, i.Invoice, CancellationToken.None))!.Value.Invoice.Number!.Sequence));
        Assert.Equal(Enumerable.Range(1, numbered.Length).Select(i => (long)i), numbers);
    }

    [Fact]
    [Trait("Rule", "V1")]
    public async Task Three_instances_that_each_remember_the_counter_still_draw_one_gap_free_sequence()
    {
        var issuer = IssuerWithOwnSequence();
        var instances = Enumerable.Range(0, 3).Select(_ => new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer)).ToArray();
        var stored = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => StoredInvoiceAsync()));

        var numbers = (await Task.WhenAll(stored.Select((s, i) => instances[i % 3].NumberAsync(s.Space, s.Invoice, CancellationToken.None)))).Select(n => n.Invoice).ToList();

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), numbers.Select(n => n.NumberOrThrow.Sequence).Order());
        foreach (var (space, invoice) in stored)
        {
            Assert.True((await azurite.Ledger.GetAsync(space, invoice, CancellationToken.None))!.Value.Invoice.IsNumbered);
        }

        foreach (var instance in instances)
        {
            instance.Dispose();
        }
    }

    [Fact]
    [Trait("Rule", "V1")]
    public async Task Numbering_an_invoice_again_returns_its_first_number_and_says_it_drew_none()
    {
        var numbering = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, IssuerWithOwnSequence());
        var (space, invoice) = await StoredInvoiceAsync();
        var (first, drewFirst) = await numbering.NumberAsync(space, invoice, CancellationToken.None);
        var (again, drewAgain) = await numbering.NumberAsync(space, invoice, CancellationToken.None);
        Assert.True(drewFirst);
        Assert.False(drewAgain);
        Assert.Equal(first.Number, again.Number);
        Assert.Equal(first.Issuer, (await azurite.Ledger.GetAsync(space, invoice, CancellationToken.None))!.Value.Invoice.Issuer);
    }

    [Fact]
    [Trait("Rule", "V1")]
    public async Task A_number_drawn_by_a_crashed_call_still_reaches_its_invoice_and_none_is_skipped()
    {
        var issuer = IssuerWithOwnSequence();
        var numbering = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer);
        var (space1, invoice1) = await StoredInvoiceAsync();
        var (space2, invoice2) = await StoredInvoiceAsync();

        // The crash: the counter moved to number 1 for invoice 1, but the invoice was never stamped.
        await azurite.Storage.Counters.AddEntityAsync(new TableEntity("invoice-number", issuer.InvoiceNumberPrefix)
        {
            ["Last"] = $"{issuer.InvoiceNumberPrefix}-2026-000001",
            ["Space"] = space1.Value,
            ["Invoice"] = invoice1.Value,
        });

        var second = await numbering.NumberAsync(space2, invoice2, CancellationToken.None);
        var first = (await azurite.Ledger.GetAsync(space1, invoice1, CancellationToken.None))!.Value.Invoice;
        Assert.Equal(1, first.Number!.Sequence);
        Assert.Equal(2, second.Invoice.NumberOrThrow.Sequence);
    }
}
