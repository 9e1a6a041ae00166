using Azure.Data.Tables;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Infra.Invoices;
using Billing.Infra.Issuing;
using Billing.Infra.Storage;
using static Billing.Infra.Tests.Storage.StorageScenario;

namespace Billing.Infra.Tests.Storage;

/// <summary>V5: credit notes draw from their own gap-free sequence per issuer, with the invoice sequence's crash safety.</summary>
[Trait("Rule", "V5")]
public class CreditNoteNumberingTests(AzuriteStorage azurite) : IClassFixture<AzuriteStorage>
{
    // A stored space with an invoice and a credit note of it, both unnumbered (as their decision leaves them).
    private async Task<(SpaceId Space, InvoiceId Invoice, InvoiceId CreditNote)> StoredCreditNoteAsync()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(azurite.Spaces, id);
        var upgrade = Upgrade(loaded.State);
        var invoice = InvoicesOf(upgrade)[0];
        var note = invoice.Content with
        {
            Id = InvoiceId.Parse($"{invoice.Id}-r1"),
            Kind = InvoiceKind.CreditNote,
            Lines = [.. invoice.Content.Lines.Select(l => l with { Amount = -l.Amount })],
            Credits = invoice.Id,
        };
        await azurite.Spaces.SaveAsync(new SpaceWrite(loaded, upgrade, [invoice, Invoice.Issue(note, note.IssuedAt)], null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        return (id, invoice.Id, note.Id);
    }

    private (InvoiceIssuing Issuing, string Prefix) Issuing()
    {
        var prefix = $"C{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        var invoices = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, StorageScenario.Issuer with { InvoiceNumberPrefix = $"I{prefix[1..]}" });
        var creditNotes = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, StorageScenario.Issuer with { InvoiceNumberPrefix = prefix });
        return (new InvoiceIssuing(invoices, creditNotes, new InvoiceDocumentStore(azurite.Storage.Invoices), new InvoicePdf()), prefix);
    }

    [Fact]
    public async Task Credit_notes_finished_side_by_side_get_their_own_gap_free_sequence_apart_from_the_invoices()
    {
        var (issuing, prefix) = Issuing();
        var stored = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StoredCreditNoteAsync()));

        var notes = await Task.WhenAll(stored.Select(s => issuing.FinishAsync(s.Space, s.CreditNote, CancellationToken.None)));
        var invoice = await issuing.FinishAsync(stored[0].Space, stored[0].Invoice, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), notes.Select(n => n.NumberOrThrow.Sequence).Order());
        Assert.All(notes, n => Assert.StartsWith($"{prefix}-2026-", n.NumberOrThrow.ToString(), StringComparison.Ordinal));
        Assert.Equal(1, invoice.NumberOrThrow.Sequence); // the invoices' sequence is another one
        Assert.NotEqual(prefix, invoice.NumberOrThrow.Prefix);
    }

    [Fact]
    public async Task A_credit_note_whose_number_was_drawn_before_a_kill_gets_it_from_the_next_draw_and_none_is_skipped()
    {
        var (issuing, prefix) = Issuing();
        var killed = await StoredCreditNoteAsync();
        var next = await StoredCreditNoteAsync();

        // The kill: the credit notes' counter moved to 1 for the first note, which was never stamped with it.
        await azurite.Storage.Counters.AddEntityAsync(new TableEntity("invoice-number", prefix)
        {
            ["Last"] = $"{prefix}-2026-000001",
            ["Drawn"] = System.Text.Json.JsonSerializer.Serialize(new[] { new[] { killed.Space.Value, killed.CreditNote.Value } }),
        });
        Assert.False((await azurite.Ledger.GetAsync(killed.Space, killed.CreditNote, CancellationToken.None))!.Value.Invoice.IsNumbered);

        var second = await issuing.FinishAsync(next.Space, next.CreditNote, CancellationToken.None);
        var first = (await azurite.Ledger.GetAsync(killed.Space, killed.CreditNote, CancellationToken.None))!.Value.Invoice;

        Assert.Equal($"{prefix}-2026-000001", first.Number!.ToString());
        Assert.Equal($"{prefix}-2026-000002", second.NumberOrThrow.ToString());
        // Finishing the killed one afterwards keeps its number and renders its PDF.
        Assert.Equal(first.Number, (await issuing.FinishAsync(killed.Space, killed.CreditNote, CancellationToken.None)).Number);
    }
}
