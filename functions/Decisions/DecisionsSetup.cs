using Billing.Core.Catalog;
using Billing.Infra;

namespace Billing.Functions.Decisions;

/// <summary>Registers the domain's services: the catalog, the clock, the write pipeline and the delivery of its effects.</summary>
public static class DecisionsSetup
{
    public static IServiceCollection AddBillingDecisions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddBillingInfra(configuration, environment);
        services.AddSingleton(LoadCatalog(configuration));
        services.AddSingleton(ClockFor(configuration));
        services.AddSingleton<UnitOfWork>();
        services.AddSingleton<DecisionRunner>();
        services.AddSingleton<PlanStarts>();
        services.AddSingleton<Billing.Infra.Issuing.InvoiceIssuing>();
        services.AddSingleton<InvoiceOutcomes>();
        services.AddSingleton<EffectDelivery>();
        services.AddSingleton<WebhookApplier>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton<EffectsPump>();
        services.AddHostedService(sp => sp.GetRequiredService<EffectsPump>());
        services.AddSingleton(new EmailLinks(PublicBaseUrl(configuration)));
        return services;
    }

    /// <summary><c>Billing__PublicBaseUrl</c>: the base of the links in emails (the web app).</summary>
    private static Uri PublicBaseUrl(IConfiguration configuration)
    {
        var text = configuration["Billing:PublicBaseUrl"] is { Length: > 0 } configured ? configured : "http://127.0.0.1:7071/";
        return Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"Billing__PublicBaseUrl must be an absolute http(s) URL, not '{text}'.");
    }

    /// <summary>
    /// <c>Billing__CatalogPath</c> names a catalog file to use instead of the one that ships with the
    /// code; <c>Tax__HomeCountry</c> sets the issuer's home country over the catalog's (T1).
    /// </summary>
    private static PriceCatalog LoadCatalog(IConfiguration configuration)
    {
        var catalog = configuration["Billing:CatalogPath"] is { Length: > 0 } path ? CatalogFile.Parse(File.ReadAllText(path)) : PriceCatalog.Default;
        return configuration["Tax:HomeCountry"] switch
        {
            null or "" => catalog,
            var home when Billing.Core.Common.CountryCodes.IsAssigned(home) => catalog with { HomeCountry = home },
            var other => throw new InvalidOperationException($"Tax__HomeCountry must be an ISO 3166-1 alpha-2 code in upper case, not '{other}'."),
        };
    }

    /// <summary><c>Billing__Clock</c>: <c>system</c> (default) or <c>test</c>, a clock operators may set.</summary>
    private static TimeProvider ClockFor(IConfiguration configuration) => configuration["Billing:Clock"] switch
    {
        null or "" or "system" => TimeProvider.System,
        "test" => new TestClock(),
        var other => throw new InvalidOperationException($"Billing__Clock must be 'system' or 'test', not '{other}'."),
    };
}
