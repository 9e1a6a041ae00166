using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests.Support;

/// <summary>
/// The real server, on Kestrel on a free loopback port, against the Azurite and maildev that
/// <c>scripts/test.sh</c> started (their settings come from the environment). Test mode: a settable
/// clock and the sandbox payment provider; the schedule is off so that only the tests run renewals.
/// </summary>
public class BillingServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Anonymous { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The charges the sandbox provider took.</summary>
    public SandboxLedger Sandbox => Services.GetRequiredService<SandboxLedger>();

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("Storage__ConnectionString")
        ?? throw new InvalidOperationException("Storage__ConnectionString is not set: run the tests with ./scripts/test.sh, which starts Azurite and maildev.");

    public static string[] Settings(string? connectionString = null) =>
    [
        "--urls=http://127.0.0.1:0",
        "--environment=Development",
        $"--Auth:Issuer={Tokens.Issuer}",
        $"--Auth:Audience={Tokens.Audience}",
        $"--Auth:SigningKey={Tokens.SigningKey}",
        $"--Storage:ConnectionString={connectionString ?? ConnectionString}",
        $"--Storage:Prefix=t{Guid.NewGuid():N}"[..26], // each test server its own tables, so renewal runs never meet

        "--Billing:Clock=test",
        "--Billing:PublicBaseUrl=https://app.example.test/",
        "--Payments:Sandbox=true",
        "--Renewals:RunOnSchedule=false",
        $"--Email:SmtpPort={Environment.GetEnvironmentVariable("Email__SmtpPort") ?? "1025"}",
        "--Logging:LogLevel:Default=Warning",
    ];

    protected virtual string[] Arguments => Settings();

    /// <summary>More wiring for a fixture that needs it (a log capture, say).</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        _app = BillingServer.Build(Arguments, builder =>
        {
            SandboxLedger.ReplaceSandbox(builder);
            Configure(builder);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Anonymous = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>A client that calls as <paramref name="userId"/> with the given service roles.</summary>
    public HttpClient As(string userId, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.For(userId, roles));
        return client;
    }

    public async Task DisposeAsync()
    {
        Anonymous.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
