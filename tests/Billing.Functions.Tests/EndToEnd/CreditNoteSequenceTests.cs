using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// V5 over HTTP on Azurite and maildev with the sandbox provider: credit-note numbers under concurrency, and an
/// invoice paid by bank transfer voided or refunded with the bank's reference. A server of its own, so its
/// credit-note sequence holds only this class's notes.
/// </summary>
[Trait("Rule", "V5")]
public sealed class CreditNoteSequenceTests(BillingServerFixture server) : IClassFixture<BillingServerFixture>, IDisposable
{
    private readonly Api _api = new(server);
    private readonly Inbox _inbox = new();

    [Fact]
    public async Task Refunds_made_in_parallel_on_different_spaces_get_gap_free_credit_note_numbers_each_refunded_once()
    {
        var spaces = new List<(string Space, string Owner, string Invoice)>();
        foreach (var _ in Enumerable.Range(0, 6))
        {
            var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
            spaces.Add((space, owner, (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("id").GetString()!));
        }

        var before = await NumbersAsync(spaces);
        var answers = await Task.WhenAll(spaces.Select(s => _api.Sales.PostAsJsonAsync($"/api/spaces/{s.Space}/invoices/{s.Invoice}/refunds", new { amount = 500 })));
        foreach (var answer in answers)
        {
            await Ok(answer, HttpStatusCode.Created);
        }

        var numbers = (await NumbersAsync(spaces)).Except(before).Select(n => long.Parse(n[^6..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(6, numbers.Count);
        Assert.Equal(Enumerable.Range((int)numbers[0], 6).Select(n => (long)n), numbers);
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null)); // finishes any delivery the load left behind
        foreach (var (space, _, _) in spaces)
        {
            var refund = Assert.Single(server.Sandbox.PartRefunds, r => r.Key.StartsWith($"refund:{space}:", StringComparison.Ordinal));
            Assert.Equal(500, refund.Value.Amount.Amount);
        }
    }

    [Fact]
    [Trait("Rule", "I4")]
    public async Task An_invoice_awaiting_its_transfer_is_voided_and_no_longer_awaited_and_one_paid_by_transfer_is_refunded_with_the_banks_reference()
    {
        var (space, owner, invoice) = await InvoicePaidPlanAsync();
        var id = invoice.GetProperty("id").GetString()!;
        var total = invoice.GetProperty("total").GetProperty("amount").GetInt64();

        // Paid by transfer, then refunded by sales at the bank: the reference is needed, and no provider is called.
        await Ok(await _api.Sales.PostAsJsonAsync($"/api/spaces/{space}/invoices/{id}/payments", new { amount = total, receivedAt = "2026-01-02T00:00:00Z", reference = "IN-1" }), HttpStatusCode.Created);
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{space}/invoices/{id}/refunds", new { amount = 10_00 }), HttpStatusCode.BadRequest, "invalid_request");
        var note = await Ok(await _api.Sales.PostAsJsonAsync($"/api/spaces/{space}/invoices/{id}/refunds", new { amount = 10_00, reference = "OUT-77" }), HttpStatusCode.Created);
        Assert.Equal(-10_00, note.GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal("partially_refunded", (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/invoices/{id}"))).GetProperty("status").GetString());
        var audit = (await Ok(await _api.Sales.GetAsync($"/api/spaces/{space}/audit?pageSize=100"))).GetProperty("items").EnumerateArray();
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "invoice_refunded");
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        Assert.DoesNotContain(server.Sandbox.PartRefunds, r => r.Key.StartsWith($"refund:{space}:", StringComparison.Ordinal));

        // A second plan's invoice waits for its transfer; voided, it is no longer awaited: no reminder, no past due.
        var (other, otherOwner, open) = await InvoicePaidPlanAsync();
        var openId = open.GetProperty("id").GetString()!;
        var voidNote = await Ok(await _api.Sales.PostAsync($"/api/spaces/{other}/invoices/{openId}/void", null), HttpStatusCode.Created);
        Assert.Equal(-open.GetProperty("total").GetProperty("amount").GetInt64(), voidNote.GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal("void", (await Ok(await _api.Sales.GetAsync($"/api/spaces/{other}/invoices/{openId}"))).GetProperty("status").GetString());
        await Problem(await _api.Sales.PostAsJsonAsync($"/api/spaces/{other}/invoices/{openId}/payments", new { amount = 100, receivedAt = "2026-01-02T00:00:00Z", reference = "LATE" }), HttpStatusCode.Conflict, "invoice_not_open");

        // Past its due date and the reminders' days, the voided invoice is not reminded and the plan is not past due.
        await _api.SetClockAsync(open.GetProperty("dueAt").GetDateTimeOffset().AddDays(15));
        await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        Assert.Equal("active", (await _api.BillingAsync(other, otherOwner)).GetProperty("status").GetString());
        var mails = await _inbox.ToAsync($"{otherOwner}@example.test", atLeast: 2);
        Assert.Contains(mails, m => m.GetProperty("subject").GetString()!.EndsWith("is cancelled", StringComparison.Ordinal)
            && m.GetProperty("attachments")[0].GetProperty("filename").GetString()!.StartsWith("CN-", StringComparison.Ordinal)); // the void's email, its credit note attached
        Assert.DoesNotContain(mails, m => m.GetProperty("subject").GetString()!.StartsWith("Reminder", StringComparison.Ordinal));
    }

    public void Dispose() => _inbox.Dispose();

    private async Task<HashSet<string>> NumbersAsync(List<(string Space, string Owner, string Invoice)> spaces)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (space, owner, _) in spaces)
        {
            for (var wait = 0; wait < 200; wait++)
            {
                var notes = (await Ok(await _api.As(owner).GetAsync($"/api/spaces/{space}/invoices?pageSize=100"))).GetProperty("items").EnumerateArray()
                    .Where(i => i.GetProperty("kind").GetString() == "credit_note").ToList();
                if (notes.All(n => n.GetProperty("number").ValueKind == JsonValueKind.String))
                {
                    numbers.UnionWith(notes.Select(n => n.GetProperty("number").GetString()!));
                    break;
                }

                await Task.Delay(100);
            }
        }

        return numbers;
    }

    private async Task<(string Space, string Owner, JsonElement Invoice)> InvoicePaidPlanAsync()
    {
        var space = await _api.WorkspaceAsync(extraMembers: 17);
        var owner = $"owner-{space}";
        await _api.AddMemberAsync(space, owner, locale: "en-US");
        await _api.UpgradeAsync(space, UpgradeBody(cycle: "annual", seats: 25, owner: owner, provider: "invoice"), _api.Sales);
        var invoice = (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0];
        return (space, owner, invoice);
    }
}
