using Billing.Core.Catalog;
using Billing.Functions.Endpoints;
using Billing.Infra;

namespace Billing.Functions.Decisions;

/// <summary>Registers the domain's services: the catalog, the clock, the decision flow and what the endpoints read with.</summary>
public static class DecisionsSetup
{
    public static IServiceCollection AddBillingDecisions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddBillingInfra(configuration, environment);
        services.AddSingleton(LoadCatalog(configuration));
        services.AddSingleton(ClockFor(configuration));
        services.AddSingleton<DecisionRunner>();
        services.AddSingleton<SpaceReader>();
        services.AddSingleton<PaymentMethodReader>();
        services.AddSingleton<Billing.Infra.Issuing.InvoiceIssuing>();
        return services;
    }

    /// <summary><c>Billing__CatalogPath</c> names a catalog file to use instead of the one that ships with the code.</summary>
    private static PriceCatalog LoadCatalog(IConfiguration configuration) =>
        configuration["Billing:CatalogPath"] is { Length: > 0 } path ? CatalogFile.Parse(File.ReadAllText(path)) : PriceCatalog.Default;

    /// <summary><c>Billing__Clock</c>: <c>system</c> (default) or <c>test</c>, a clock operators may set.</summary>
    private static TimeProvider ClockFor(IConfiguration configuration) => configuration["Billing:Clock"] switch
    {
        null or "" or "system" => TimeProvider.System,
        "test" => new TestClock(),
        var other => throw new InvalidOperationException($"Billing__Clock must be 'system' or 'test', not '{other}'."),
    };
}
