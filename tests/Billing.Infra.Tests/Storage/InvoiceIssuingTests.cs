using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Infra.Invoices;
using Billing.Infra.Issuing;
using Billing.Infra.Storage;
using static Billing.Infra.Tests.Storage.StorageScenario;

namespace Billing.Infra.Tests.Storage;

/// <summary>V3, B4: the PDF of an invoice charged before it was numbered (a renewal), stored once and sent as its receipt.</summary>
public class InvoiceIssuingTests(AzuriteStorage azurite) : IClassFixture<AzuriteStorage>
{
    [Fact]
    [Trait("Rule", "V3")]
    public async Task An_invoice_the_callers_write_stores_paid_with_its_number_is_rendered_once_paid_and_that_pdf_is_its_receipt()
    {
        var id = NewSpaceId();
        var loaded = await StoredSpaceWithMembersAsync(azurite.Spaces, id);
        var upgrade = Upgrade(loaded.State);
        var invoices = InvoicesOf(upgrade);
        await azurite.Spaces.SaveAsync(new SpaceWrite(loaded, upgrade, invoices, null) { DecidedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var issuer = StorageScenario.Issuer with { InvoiceNumberPrefix = $"P{Guid.NewGuid():N}"[..8].ToUpperInvariant() };
        var numbering = new InvoiceNumbering(azurite.Storage.Counters, azurite.Ledger, issuer);
        var documents = new InvoiceDocumentStore(azurite.Storage.Invoices);
        var issuing = new InvoiceIssuing(numbering, numbering, documents, new InvoicePdf());
        var read = await numbering.ReadAsync(id, invoices[0].Id, CancellationToken.None);

        // The caller's write (the charge's outcome) stores the number drawn and the payment together.
        var finished = await issuing.FinishAsync(id, invoices[0].Id, CancellationToken.None, read, async numbered =>
        {
            var paid = numbered.MarkPaid(DateTimeOffset.UtcNow, "pi_first");
            return await azurite.Ledger.TryReplaceAsync(id, paid, read!.Value.ETag, CancellationToken.None) ? paid : null;
        });
        var stored = (await azurite.Ledger.GetAsync(id, invoices[0].Id, CancellationToken.None))!.Value.Invoice;
        var receipt = await issuing.DocumentAsync(id, stored, CancellationToken.None);

        Assert.Equal(InvoiceStatus.Paid, stored.Status);
        Assert.Equal(finished.Number, stored.Number);
        await using var issued = await documents.OpenAsync(id, stored.NumberOrThrow, CancellationToken.None);
        Assert.NotNull(issued);
        using var bytes = new MemoryStream();
        await issued.CopyToAsync(bytes);
        Assert.Equal(bytes.ToArray(), receipt!.Value.ToArray());
        // Issued paid: no second, paid copy was rendered for the receipt.
        Assert.Null(await documents.OpenAsync(id, stored.NumberOrThrow, CancellationToken.None, paid: true));
    }
}
