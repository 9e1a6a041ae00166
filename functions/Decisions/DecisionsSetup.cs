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
        if (configuration["Invoices:ReminderDays"] is { Length: > 0 } reminderDays)
        {
            catalog = catalog with { Policy = catalog.Policy with { InvoiceReminderDays = ReminderDays(reminderDays) } };
        }

        return configuration["Tax:HomeCountry"] switch
        {
            null or "" => catalog,
            var home when Billing.Core.Common.CountryCodes.IsAssigned(home) => catalog with { HomeCountry = home },
            var other => throw new InvalidOperationException($"Tax__HomeCountry must be an ISO 3166-1 alpha-2 code in upper case, not '{other}'."),
        };
    }

    /// <summary><c>Invoices__ReminderDays</c>: the days after the due date on which an unpaid invoice is reminded (I4), e.g. <c>0,7,14</c>, rising.</summary>
    private static System.Collections.Immutable.ImmutableArray<int> ReminderDays(string text)
    {
        var days = text.Split(',', StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day) ? day : -1)
            .ToList();
        return days.All(d => d >= 0) && days.Zip(days.Skip(1)).All(p => p.First < p.Second)
            ? [.. days]
            : throw new InvalidOperationException($"Invoices__ReminderDays must be rising whole days after the due date separated by commas (e.g. 0,7,14), not '{text}'.");
    }

    /// <summary><c>Billing__Clock</c>: <c>system</c> (default) or <c>test</c>, a clock operators may set.</summary>
    private static TimeProvider ClockFor(IConfiguration configuration) => configuration["Billing:Clock"] switch
    {
        null or "" or "system" => TimeProvider.System,
        "test" => new TestClock(),
        var other => throw new InvalidOperationException($"Billing__Clock must be 'system' or 'test', not '{other}'."),
    };
}
