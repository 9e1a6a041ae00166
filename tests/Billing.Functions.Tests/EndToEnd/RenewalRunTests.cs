using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using Billing.Infra.Payments;
using Microsoft.Extensions.DependencyInjection;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>The renewal run over HTTP, on Azurite and the real maildev, moved along by the test clock.</summary>
public sealed class RenewalRunTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    private SandboxLedger Sandbox => server.Sandbox;

    [Fact]
    [Trait("Rule", "R1")]
    public async Task On_the_renewal_date_the_run_invoices_charges_and_emails_the_billing_owner_only()
    {
        var (space, owner) = await SubscribedAsync();
        var renewsAt = (await _api.BillingAsync(space, owner)).GetProperty("renewsAt").GetDateTimeOffset();
        await _api.SetClockAsync(renewsAt.AddMinutes(1));
        var summary = await RunAsync();
        Assert.True(summary.GetProperty("renewed").GetInt32() >= 1);

        var invoices = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, invoices.Count);
        Assert.Equal("paid", invoices[0].GetProperty("status").GetString());
        Assert.Equal(renewsAt, invoices[0].GetProperty("periodStart").GetDateTimeOffset());

        // B4: the upgrade's invoice and the renewal's, to the billing owner, with the PDF and the link; V4: in Dutch.
        var mails = await _inbox.ToAsync($"{owner}@example.test", atLeast: 2);
        Assert.Equal(2, mails.Count);
        var renewal = mails.Single(m => m.GetProperty("subject").GetString()!.Contains(invoices[0].GetProperty("number").GetString()!, StringComparison.Ordinal));
        Assert.StartsWith("Factuur", renewal.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("https://app.example.test/billing/", renewal.GetProperty("text").GetString(), StringComparison.Ordinal);
        var attachment = Assert.Single(renewal.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.Empty(await _inbox.ToAsync($"{Colleague}-{space}@example.test", atLeast: 0));
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task Running_again_or_side_by_side_invoices_and_charges_each_period_once()
    {
        var (space, owner) = await SubscribedAsync();
        var renewsAt = (await _api.BillingAsync(space, owner)).GetProperty("renewsAt").GetDateTimeOffset();
        await _api.SetClockAsync(renewsAt.AddMonths(2).AddMinutes(1)); // three periods due: catch up each once
        var summaries = await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());
        await RunAsync();

        var invoices = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, invoices.Count);
        Assert.Equal(4, invoices.Select(i => i.GetProperty("periodStart").GetDateTimeOffset()).Distinct().Count());
        var charges = Sandbox.Taken.Where(c => c.IdempotencyKey.Contains($":{space}:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, charges.Count);
        Assert.Equal(4, charges.Select(c => c.Invoice).Distinct().Count());
        Assert.True(summaries.Sum(s => s.GetProperty("renewed").GetInt32()) >= 3);
    }

    [Fact]
    [Trait("Rule", "R3")]
    public async Task A_failing_card_goes_past_due_is_retried_on_days_1_3_5_7_then_the_plan_ends_with_nothing_deleted()
    {
        var (space, owner) = await SubscribedAsync();
        await Ok(await _api.As(owner).PutAsJsonAsync($"/api/spaces/{space}/payment-method", new { provider = "sandbox", token = "pm_sandbox_declined" }));
        var renewsAt = (await _api.BillingAsync(space, owner)).GetProperty("renewsAt").GetDateTimeOffset();
        await _api.SetClockAsync(renewsAt.AddMinutes(1));
        var first = await RunAsync();
        Assert.True(first.GetProperty("failed").GetInt32() >= 1);
        Assert.Equal("past_due", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString());
        Assert.Contains(await _inbox.ToAsync($"{owner}@example.test", 2), m => m.GetProperty("subject").GetString()!.StartsWith("Betaling mislukt", StringComparison.Ordinal));

        foreach (var day in new[] { 1, 3, 5 })
        {
            await _api.SetClockAsync(renewsAt.AddDays(day).AddMinutes(2));
            var retry = await RunAsync();
            Assert.True(retry.GetProperty("retried").GetInt32() >= 1);
            Assert.Equal("past_due", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString()); // paid features stay on
        }

        await _api.SetClockAsync(renewsAt.AddDays(7).AddMinutes(2));
        await RunAsync();
        Assert.Equal("basic", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString());
        var invoices = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, invoices.Count); // C3: kept
        Assert.Equal("past_due", invoices[0].GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Rule", "C2")]
    public async Task A_cancelled_plan_ends_at_its_renewal_date_and_the_billing_owner_is_told()
    {
        var (space, owner) = await SubscribedAsync();
        await Ok(await _api.As(owner).PostAsync($"/api/spaces/{space}/subscription/cancel", null));
        var cancelAt = (await _api.BillingAsync(space, owner)).GetProperty("cancelAt").GetDateTimeOffset();
        await _api.SetClockAsync(cancelAt.AddMinutes(1));
        var summary = await RunAsync();
        Assert.True(summary.GetProperty("canceled").GetInt32() >= 1);
        Assert.Equal("basic", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString());
        Assert.Single((await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray());
        Assert.Contains(await _inbox.ToAsync($"{owner}@example.test", 2), m => m.GetProperty("subject").GetString()!.Contains("beëindigd", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "N3")]
    public async Task A_member_joining_a_full_space_grows_the_plan_and_the_billing_owner_is_told()
    {
        var (space, owner) = await SubscribedAsync(seats: 4); // four members: full
        await _api.AddMemberAsync(space, $"newcomer-{space}");
        var view = await _api.BillingAsync(space, owner);
        Assert.Equal(5, view.GetProperty("seats").GetInt32());
        var mails = await _inbox.ToAsync($"{owner}@example.test", 3);
        Assert.Contains(mails, m => m.GetProperty("subject").GetString()!.Contains("5 plaatsen", StringComparison.Ordinal));
        Assert.Equal(2, (await _api.InvoicesAsync(space, owner)).GetProperty("items").GetArrayLength());
    }

    public void Dispose() => _inbox.Dispose();

    private Task<(string Space, string Owner)> SubscribedAsync(int seats = 5) => _api.SubscribedWithOwnOwnerAsync(seats: seats, ownerLocale: "nl-NL");

    private async Task<JsonElement> RunAsync() => await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
}
