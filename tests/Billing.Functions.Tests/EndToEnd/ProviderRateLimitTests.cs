using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>
/// Renewal day against providers' rate limits: each instance keeps its calls under
/// <c>Payments__*__MaxRequestsPerSecond</c>, and a provider's 429 is retried with backoff, never a failed renewal
/// or a second charge (R2).
/// </summary>
public sealed class ProviderRateLimitTests(RateLimitedProvidersServerFixture server) : IClassFixture<RateLimitedProvidersServerFixture>
{
    private readonly Api _api = new(server);

    private ProviderStub Stub => server.Stub;

    [Fact]
    [Trait("Rule", "R2")]
    public async Task Upgrades_and_a_renewal_run_side_by_side_stay_under_the_configured_rate_and_the_provider_never_answers_429()
    {
        // Twice the instance's 5 a second, as an account's limit is above one instance's share: calls granted in one
        // second can reach the provider in the next, bunched by the network and a busy machine.
        const int providerLimit = 2 * RateLimitedProvidersServerFixture.MaxRequestsPerSecond;
        await SubscribeAsync(stripe: 1, paypal: 1); // the first calls of a process take their time (connections, JIT) and then arrive together
        Stub.ThrottleAt(providerLimit);

        var spaces = await SubscribeAsync(stripe: 16, paypal: 6);
        await MakeDueAsync(spaces);
        var summary = await RenewalRunAsync();

        Assert.True(Stub.Throttled == 0, Stub.RateLog);
        Assert.True(Stub.PeakRequestsPerSecond <= providerLimit, Stub.RateLog);
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        await AssertChargedOncePerPeriodAsync(spaces);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_provider_answering_429_to_most_calls_fails_no_renewal_and_charges_each_subscription_once()
    {
        Stub.ThrottleAt(int.MaxValue);
        var spaces = await SubscribeAsync(stripe: 12, paypal: 4);

        await MakeDueAsync(spaces);
        Stub.ThrottleAt(2); // below the instance's rate: the provider refuses part of the renewal run's calls
        var summary = await RenewalRunAsync();
        var failed = summary.GetProperty("failed").GetInt32();
        for (var run = 1; summary.GetProperty("remaining").GetInt32() > 0 && run < 5; run++)
        {
            // A charge whose every retry met a 429 stays due, as in any provider outage, and the next run takes it.
            summary = await RenewalRunAsync();
            failed += summary.GetProperty("failed").GetInt32();
        }

        Assert.True(Stub.Throttled > 0, "the stub refused some calls");
        Assert.Equal(0, failed);
        Assert.Equal(0, summary.GetProperty("remaining").GetInt32());
        await AssertChargedOncePerPeriodAsync(spaces);
    }

    [Fact]
    [Trait("Rule", "R2")]
    public async Task A_card_upgrade_against_Stripe_allowing_one_call_a_second_goes_through_by_retrying_each_429_with_the_same_key()
    {
        Stub.ThrottleAt(1); // the upgrade's calls follow each other within milliseconds: all but one a second meet a 429
        var spaces = await SubscribeAsync(stripe: 1, paypal: 0);

        Assert.True(Stub.Throttled > 0, Stub.RateLog);
        var (space, owner, _) = Assert.Single(spaces);
        Assert.Single(Stub.StripeIntents, i => i["metadata"]?["space_id"]?.GetValue<string>() == space);
        Assert.Equal("paid", (await _api.InvoicesAsync(space, owner)).GetProperty("items")[0].GetProperty("status").GetString());
    }

    /// <summary>Workspaces upgraded side by side, each by its own owner, on a card (saved through a SetupIntent first, as the billing tab does) or a PayPal account.</summary>
    private async Task<List<(string Space, string Owner, string Provider)>> SubscribeAsync(int stripe, int paypal)
    {
        var upgrades = Enumerable.Repeat("stripe", stripe).Concat(Enumerable.Repeat("paypal", paypal)).Select(async provider =>
        {
            var (space, owner) = await _api.WorkspaceWithOwnOwnerAsync();
            if (provider == "stripe")
            {
                await Ok(await _api.As(owner).PostAsJsonAsync($"/api/spaces/{space}/payment-method/setup", new { provider }));
            }

            var token = provider == "stripe" ? ProviderStub.StripeCard : ProviderStub.PayPalAccount;
            await _api.UpgradeAsync(space, UpgradeBody(owner: owner, provider: provider, token: token), _api.As(owner));
            return (space, owner, provider);
        });
        return [.. await Task.WhenAll(upgrades)];
    }

    /// <summary>Moves the clock just past the latest renewal date of <paramref name="spaces"/>.</summary>
    private async Task MakeDueAsync(List<(string Space, string Owner, string Provider)> spaces)
    {
        var renewsAt = new List<DateTimeOffset>();
        foreach (var (space, owner, _) in spaces)
        {
            renewsAt.Add((await _api.BillingAsync(space, owner)).GetProperty("renewsAt").GetDateTimeOffset());
        }

        await _api.SetClockAsync(renewsAt.Max().AddMinutes(1));
    }

    private async Task<JsonElement> RenewalRunAsync() => await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));

    /// <summary>Each space paid its upgrade and one renewal: two payments at its provider, under two keys, and every invoice paid.</summary>
    private async Task AssertChargedOncePerPeriodAsync(List<(string Space, string Owner, string Provider)> spaces)
    {
        foreach (var (space, owner, provider) in spaces)
        {
            var payments = provider == "stripe"
                ? Stub.StripeIntents.Count(i => i["metadata"]?["space_id"]?.GetValue<string>() == space)
                : Stub.PayPalCaptures.Count(c => c.CustomId.StartsWith(space + "|", StringComparison.Ordinal));
            Assert.Equal(2, payments);
            var invoices = (await _api.InvoicesAsync(space, owner)).GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(2, invoices.Count);
            Assert.All(invoices, i => Assert.Equal("paid", i.GetProperty("status").GetString()));
        }
    }
}
