using System.Collections.Immutable;
using System.Net.Http.Json;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Effects;
using Billing.Core.Invoicing;
using Billing.Core.Subscriptions;
using Billing.Functions.Tests.Support;
using Billing.Infra.Payments;
using Billing.Infra.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// R2 when a run dies: the renewal is stored but nothing carried out, or the charge is taken but its
/// outcome never stored, or the invoice never numbered. The next run finishes the work, and every
/// period is still charged once and emailed (at least) once.
/// </summary>
public sealed class RenewalRecoveryTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    public enum CrashPoint
    {
        AfterStoringTheRenewal,
        AfterTakingTheCharge,
        BeforeNumberingTheInvoice,
        AfterNumberingBeforeThePdf,
        AfterApplyingTheChargeBeforeTheEmails,
    }

    [Theory]
    [Trait("Rule", "R2")]
    [InlineData(CrashPoint.AfterStoringTheRenewal)]
    [InlineData(CrashPoint.AfterTakingTheCharge)]
    [InlineData(CrashPoint.BeforeNumberingTheInvoice)]
    [InlineData(CrashPoint.AfterNumberingBeforeThePdf)]
    [InlineData(CrashPoint.AfterApplyingTheChargeBeforeTheEmails)]
    public async Task A_run_that_died_is_finished_by_the_next_one_with_one_charge_and_the_invoice_emailed(CrashPoint crash)
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
        var store = server.Services.GetRequiredService<SpaceStore>();

        // The dying run: it decides and stores the renewal, with its charge and email in the outbox, then stops.
        var (id, renewsAt, saved, charge) = await StoreRenewalAsync(space, indexedByRenewalRun: false);
        if (crash is CrashPoint.AfterTakingTheCharge or CrashPoint.AfterApplyingTheChargeBeforeTheEmails)
        {
            await server.Sandbox.ChargeAsync(charge, CancellationToken.None);
        }

        if (crash == CrashPoint.AfterNumberingBeforeThePdf)
        {
            await server.Services.GetRequiredService<InvoiceNumbering>().NumberAsync(id, charge.Invoice, CancellationToken.None);
        }
        else if (crash != CrashPoint.BeforeNumberingTheInvoice)
        {
            await server.Services.GetRequiredService<Billing.Infra.Issuing.InvoiceIssuing>().FinishAsync(id, charge.Invoice, CancellationToken.None);
        }

        if (crash == CrashPoint.AfterApplyingTheChargeBeforeTheEmails)
        {
            // The paid outcome stored (the charge's outbox row removed with it), the emails it queued not yet sent.
            var chargeRow = saved.Pending.Single(p => p.Effect is ChargeLater).RowKey;
            var applied = await server.Services.GetRequiredService<Billing.Functions.Decisions.InvoiceOutcomes>().ApplyAsync(
                id, charge.Invoice, $"charge:{charge.IdempotencyKey}",
                (state, invoice, context) => ChargeOutcomes.Succeeded(state, invoice, Billing.Core.Spaces.Caller.System("payments"), context),
                new Billing.Functions.Decisions.InvoiceOutcomes.Known(CompletedEffects: [chargeRow]), CancellationToken.None, indexedByRenewalRun: true);
            Assert.Contains(applied!.Space.Pending, p => p.Effect is SendEmail);
        }

        await _api.SetClockAsync(renewsAt.AddMinutes(1));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));

        Assert.Single(server.Sandbox.Taken, c => c.Invoice == charge.Invoice && c.IdempotencyKey.Contains($":{space}:", StringComparison.Ordinal));
        var listed = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal("paid", listed[0].GetProperty("status").GetString());
        var number = listed[0].GetProperty("number").GetString()!;
        var mails = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        Assert.Single(mails, m => m.GetProperty("subject").GetString()!.Contains(number, StringComparison.Ordinal));
        Assert.Empty((await store.LoadAsync(id, CancellationToken.None))!.Pending);

        // The run stored the PDF itself (asking the PDF route would render a missing one).
        var documents = server.Services.GetRequiredService<InvoiceDocumentStore>();
        Assert.True(InvoiceNumber.TryParse(number, out var parsed));
        await using var pdf = await documents.OpenAsync(id, parsed!, CancellationToken.None);
        Assert.NotNull(pdf);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_delivery_from_the_space_as_it_stored_it_after_another_instance_carried_out_the_outbox_writes_nothing_again()
    {
        var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
        var store = server.Services.GetRequiredService<SpaceStore>();
        var delivery = server.Services.GetRequiredService<Billing.Functions.Decisions.EffectDelivery>();
        var (id, renewsAt, saved, charge) = await StoreRenewalAsync(space, indexedByRenewalRun: true);
        await _api.SetClockAsync(renewsAt.AddMinutes(1));

        // Another instance reads the space and carries out its whole outbox first.
        var done = (await delivery.DeliverAsync(id, null, CancellationToken.None))!;
        Assert.Empty(done.Pending);

        // This one then works from the answer of its own write: its ETag and its outbox are stale.
        var after = await delivery.DeliverAsync(saved, null, CancellationToken.None);

        var stored = (await store.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal(done.ETag, stored.ETag);
        Assert.Equal(stored.ETag, after.ETag);
        Assert.Empty(stored.Pending);
        Assert.Single(server.Sandbox.Taken, c => c.IdempotencyKey == charge.IdempotencyKey);
        var listed = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("paid", listed[0].GetProperty("status").GetString());
    }

    /// <summary>A run's first step alone: the space's next renewal decided and stored, its invoice, charge and emails in the outbox.</summary>
    private async Task<(SpaceId Id, DateTimeOffset RenewsAt, StoredSpace Saved, Charge Charge)> StoreRenewalAsync(string space, bool indexedByRenewalRun)
    {
        var store = server.Services.GetRequiredService<SpaceStore>();
        var id = SpaceId.Parse(space);
        var loaded = (await store.LoadAsync(id, CancellationToken.None))!;
        var renewsAt = loaded.State.Subscription!.RenewsAt;
        var decision = Renewals.Advance(loaded.State, new DecisionContext(PriceCatalog.Default, renewsAt, "renewal-run"));
        var invoices = decision.Effects.OfType<IssueInvoice>().Select(i => Invoice.Issue(i.Draft, renewsAt)).ToImmutableArray();
        var outbox = decision.Effects.Where(e => e is IssueInvoice or ChargeLater or SendEmail).ToImmutableArray();
        var saved = await store.SaveAsync(
            new SpaceWrite(loaded, decision, invoices, null, outbox) { DecidedAt = renewsAt, IndexedByRenewalRun = indexedByRenewalRun }, CancellationToken.None);
        return (id, renewsAt, saved, decision.Effects.OfType<ChargeLater>().Single().Charge);
    }

    public void Dispose() => _inbox.Dispose();
}

/// <summary>A server that renews one space itself per run and fans the rest out to its queue consumer.</summary>
public sealed class FanOutServer : BillingServerFixture
{
    protected override string[] Arguments =>
        [.. Settings().Where(a => !a.StartsWith("--Renewals:RunOnSchedule", StringComparison.Ordinal)), "--Renewals:InlineLimit=1", "--Renewals:BatchSize=2", "--Renewals:Schedule=0 0 0 1 1 *"];
}

public class RenewalFanOutTests(FanOutServer server) : IClassFixture<FanOutServer>
{
    [Fact]
    [Trait("Rule", "R1")]
    public async Task Beyond_its_inline_limit_a_run_fans_out_through_the_queue_and_the_consumer_renews_the_rest()
    {
        var api = new Api(server);
        var spaces = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var space = await api.WorkspaceAsync();
            await api.UpgradeAsync(space);
            spaces.Add(space);
        }

        var renewsAt = (await api.BillingAsync(spaces[^1])).GetProperty("renewsAt").GetDateTimeOffset();
        await api.SetClockAsync(renewsAt.AddMinutes(1));
        var summary = await Ok(await api.Operator.PostAsync("/api/operations/renewal-run", null));
        Assert.Equal(1, summary.GetProperty("renewed").GetInt32());
        Assert.Equal(2, summary.GetProperty("remaining").GetInt32());

        for (var wait = 0; wait < 100; wait++)
        {
            var counts = await Task.WhenAll(spaces.Select(async s => (await api.InvoicesAsync(s)).GetProperty("items").GetArrayLength()));
            if (counts.All(c => c == 2))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("The queue consumer did not renew the fanned-out spaces.");
    }
}
