using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>I4 over HTTP on Azurite and maildev: an invoice paid by bank transfer goes overdue, and the renewal run reminds its billing owner.</summary>
[Trait("Rule", "I4")]
public sealed class OverdueTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Fact]
    public async Task An_unpaid_invoice_goes_overdue_and_is_reminded_on_the_due_date_and_7_and_14_days_after_each_once_with_two_runs_side_by_side()
    {
        await _api.SetClockAsync(IssuedAt);
        var space = await _api.WorkspaceAsync(extraMembers: 17);
        var owner = $"owner-{space}";
        await _api.AddMemberAsync(space, owner, locale: "en-US");
        await _api.UpgradeAsync(space, UpgradeBody(tier: "advanced", cycle: "annual", seats: 25, owner: owner, provider: "invoice"), _api.Sales);
        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        var dueAt = invoice.GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(IssuedAt.AddDays(30), dueAt);
        Assert.Single(await _inbox.ToAsync($"{owner}@example.test"));

        int[] reminderDays = [30, 37, 44];
        for (var day = 1; day <= 46; day++)
        {
            await _api.SetClockAsync(IssuedAt.AddDays(day).AddMinutes(1));
            await Task.WhenAll(RunAsync(), RunAsync()); // two renewal runs side by side: each reminder still goes once

            var expected = reminderDays.Count(d => d <= day);
            if (reminderDays.Contains(day) || reminderDays.Contains(day - 1) || day == 46)
            {
                Assert.Equal(expected, await RemindersAsync(owner, expected));
            }

            if (day is 29 or 30)
            {
                var billing = await _api.BillingAsync(space, owner);
                Assert.Equal(day < 30 ? "active" : "past_due", billing.GetProperty("status").GetString());
                Assert.Equal("advanced", billing.GetProperty("plan").GetString()); // paid features stay on
            }
        }

        var reminder = (await _inbox.ToAsync($"{owner}@example.test", 4)).Last();
        Assert.Contains(invoice.GetProperty("number").GetString()!, reminder.GetProperty("subject").GetString(), StringComparison.Ordinal);

        // Sales records the transfer: the plan is no longer past due, and nothing more is reminded.
        var total = invoice.GetProperty("total").GetProperty("amount").GetInt64();
        await Ok(await _api.Sales.PostAsJsonAsync(
            $"/api/spaces/{space}/invoices/{invoice.GetProperty("id").GetString()}/payments",
            new { amount = total, receivedAt = IssuedAt.AddDays(46), reference = "LATE-1" }), HttpStatusCode.Created);
        Assert.Equal("active", (await _api.BillingAsync(space, owner)).GetProperty("status").GetString());
        await _api.SetClockAsync(IssuedAt.AddDays(60));
        await RunAsync();
        Assert.Equal(3, await RemindersAsync(owner, 3));
    }

    private async Task<int> RemindersAsync(string owner, int atLeast) =>
        (await _inbox.ToAsync($"{owner}@example.test", atLeast + 1)).Count(m => m.GetProperty("subject").GetString()!.StartsWith("Reminder:", StringComparison.Ordinal));

    private async Task<JsonElement> RunAsync() => await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));

    public void Dispose() => _inbox.Dispose();
}
