using Billing.Functions.Decisions;
using Billing.Functions.Endpoints;
using Billing.Functions.Hosting;
using Billing.Functions.RenewalRun;
using Billing.Functions.Web;

namespace Billing.Functions;

/// <summary>
/// Composes the server: the same app runs under the Functions host (custom handler), alone with
/// <c>dotnet run</c>, and in the end-to-end tests on a loopback port.
/// </summary>
public static class BillingServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        CustomHandler.ListenOnHostPort(builder);
        builder.AddBillingTelemetry();
        builder.Services.AddBillingHosting(builder.Configuration);
        builder.Services.AddBillingDecisions(builder.Configuration, builder.Environment);
        builder.Services.AddRenewalRun(builder.Configuration);
        builder.Services.AddSingleton<SpaceReader>();
        builder.Services.AddSingleton<PaymentMethodReader>();
        builder.Services.AddSingleton<Billing.Functions.Requests.TaxIdVerifier>();
        builder.Services.AddSingleton<WebAssets>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseBillingHosting();
        app.MapBillingEndpoints();
        app.MapRenewals();
        app.MapWebPages();
        return app;
    }
}
