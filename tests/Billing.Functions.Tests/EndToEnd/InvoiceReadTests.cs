using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Functions.Tests.Support;
using Billing.Infra.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>Reads never write: an invoice the pipeline has not finished is answered as it stands, never numbered or rendered by the read (V1, V3).</summary>
public sealed class InvoiceReadTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    [Trait("Rule", "V3")]
    public async Task Reading_an_unfinished_invoice_neither_numbers_nor_renders_it_and_says_it_is_not_finished()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
        var id = SpaceId.Parse(space);
        var store = server.Services.GetRequiredService<SpaceStore>();
        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;
        var renewsAt = loaded.State.Subscription!.RenewsAt;
        // A renewal stored with its invoice, nothing delivered yet (no pump was told, as after a crash).
        var decision = Renewals.Advance(loaded.State, new DecisionContext(PriceCatalog.Default, renewsAt, "renewal-run"));
        var invoice = Invoice.Issue(decision.Effects.OfType<IssueInvoice>().Single().Draft, renewsAt);
        await store.SaveAsync(new SpaceWrite(loaded, decision, [invoice], null, [.. decision.Effects]) { DecidedAt = renewsAt, IndexedByRenewalRun = true }, CancellationToken.None);

        var read = await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoice.Id}");
        var pdf = await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices/{invoice.Id}/pdf");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var shown = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(!shown.TryGetProperty("number", out var number) || number.ValueKind == JsonValueKind.Null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);
        Assert.NotNull(pdf.Headers.RetryAfter);
        var stored = (await server.Services.GetRequiredService<InvoiceLedger>().GetAsync(id, invoice.Id, CancellationToken.None))!.Value.Invoice;
        Assert.False(stored.IsNumbered);
    }
}
