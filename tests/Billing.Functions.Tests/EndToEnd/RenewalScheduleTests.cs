using Billing.Functions.Tests.Support;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.EndToEnd;

/// <summary>A server outside the Functions host that runs the renewal schedule itself, every two seconds.</summary>
public sealed class ScheduledServer : BillingServerFixture
{
    protected override string[] Arguments =>
        [.. Settings().Where(a => !a.StartsWith("--Renewals:RunOnSchedule", StringComparison.Ordinal)), "--Renewals:Schedule=*/2 * * * * *"];
}

public class RenewalScheduleTests(ScheduledServer server) : IClassFixture<ScheduledServer>
{
    [Fact]
    [Trait("Rule", "R1")]
    public async Task Outside_the_host_the_server_renews_on_its_own_schedule_under_its_lease()
    {
        var api = new Api(server);
        var space = await api.WorkspaceAsync();
        await api.UpgradeAsync(space);
        var renewsAt = (await api.BillingAsync(space)).GetProperty("renewsAt").GetDateTimeOffset();
        await api.SetClockAsync(renewsAt.AddMinutes(1));

        for (var wait = 0; wait < 50; wait++)
        {
            if ((await api.InvoicesAsync(space)).GetProperty("items").GetArrayLength() == 2)
            {
                Assert.NotEqual(renewsAt, (await api.BillingAsync(space)).GetProperty("renewsAt").GetDateTimeOffset());
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("The scheduled renewal run did not renew the due space.");
    }
}
