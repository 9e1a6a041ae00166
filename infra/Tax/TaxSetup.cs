using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Infra.Tax;

/// <summary>Registers the VIES client when <c>Tax__Vies__BaseUrl</c> is set (T2); without it ids are checked offline only.</summary>
public static class TaxSetup
{
    public static IServiceCollection AddTaxRegister(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TaxOptions.Section).Get<TaxOptions>() ?? new TaxOptions();
        services.AddSingleton(options);
        if (options.Vies.BaseUrl is { Length: > 0 } text)
        {
            var baseUrl = Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"Tax__Vies__BaseUrl must be an absolute http(s) URL, not '{text}'.");
            services.AddHttpClient(ViesClient.HttpClientName, client =>
            {
                client.BaseAddress = baseUrl;
                client.Timeout = TimeSpan.FromSeconds(options.Vies.TimeoutSeconds);
            });
            services.AddSingleton(sp => new ViesClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(ViesClient.HttpClientName)));
        }

        return services;
    }
}
