using Billing.Functions.Hosting;

namespace Billing.Functions.RenewalRun;

/// <summary>The renewal run's options, and outside the Functions host its own schedule and queue consumer.</summary>
public static class RenewalSetup
{
    public static IServiceCollection AddRenewalRun(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RenewalOptions>().Bind(configuration.GetSection(RenewalOptions.Section)).ValidateDataAnnotations()
            .Validate(o => Cronos.CronExpression.TryParse(o.Schedule, Cronos.CronFormat.IncludeSeconds, out _), "Renewals__Schedule is not an NCRONTAB expression with seconds.")
            .ValidateOnStart();
        services.AddSingleton<RenewalPass>();
        if (!CustomHandler.IsHosted(configuration) && configuration.GetValue($"{RenewalOptions.Section}:RunOnSchedule", true))
        {
            services.AddHostedService<RenewalScheduler>();
            services.AddHostedService<RenewalBatchConsumer>();
        }

        return services;
    }
}
