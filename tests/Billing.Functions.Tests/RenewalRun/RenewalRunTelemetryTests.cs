using Billing.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using static Billing.Functions.Tests.Support.Api;

namespace Billing.Functions.Tests.RenewalRun;

/// <summary>A server whose renewal-run logs are captured, with their structured properties.</summary>
public sealed class LoggedServerFixture : BillingServerFixture
{
    public CapturedLogs Logs { get; } = new();

    protected override string[] Arguments => [.. Settings(), "--Logging:LogLevel:Billing.Functions.RenewalRun=Information"];

    protected override void Configure(WebApplicationBuilder builder) => builder.Logging.AddProvider(Logs);
}

/// <summary>A real renewal run over HTTP on Azurite reports its progress (due, done, failed) in the logs.</summary>
public sealed class RenewalRunTelemetryTests(LoggedServerFixture server) : IClassFixture<LoggedServerFixture>
{
    private readonly Api _api = new(server);

    [Fact]
    public async Task A_renewal_run_logs_how_many_spaces_were_due_done_and_failed()
    {
        var renewsAt = DateTimeOffset.MinValue;
        for (var i = 0; i < 3; i++)
        {
            var (space, owner) = await _api.SubscribedWithOwnOwnerAsync();
            var next = (await _api.BillingAsync(space, owner)).GetProperty("renewsAt").GetDateTimeOffset();
            renewsAt = next > renewsAt ? next : renewsAt;
        }

        await _api.SetClockAsync(renewsAt.AddMinutes(1));
        var summary = await Ok(await _api.Operator.PostAsync("/api/operations/renewal-run", null));
        Assert.Equal(3, summary.GetProperty("renewed").GetInt32());

        var finished = Assert.Single(server.Logs.Named("RenewalFinished"));
        Assert.Equal("Billing.Functions.RenewalRun.RenewalPass", finished.Category);
        Assert.Equal("pass", finished.Properties["Run"]);
        Assert.Equal(3, (int)finished.Properties["Due"]!);
        Assert.Equal(3, (int)finished.Properties["Done"]!);
        Assert.Equal(0, (int)finished.Properties["Failed"]!);
    }
}
