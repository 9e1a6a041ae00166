using Billing.Infra.Configuration;
using Billing.Infra.Email;
using Billing.Infra.Issuing;
using Billing.Infra.Payments;
using Billing.Infra.Storage;
using Billing.Infra.Tax;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Infra;

/// <summary>Registers the adapters, with their options bound and validated at start-up.</summary>
public static class InfraSetup
{
    public static IServiceCollection AddBillingInfra(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IssuerOptions>().Bind(configuration.GetSection(IssuerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PaymentsOptions>().Bind(configuration.GetSection(PaymentsOptions.Section))
            .Validate(o => !o.Sandbox || !environment.IsProduction(), "Payments__Sandbox cannot be enabled in Production.")
            .ValidateOnStart();

        services.AddSingleton(sp => new BillingStorage(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IssuerOptions>>().Value.ToIssuer());
        // Renewals__IndexShards: the partitions one due hour of the renewal index is spread over (part of the rows' keys: see RenewalIndex).
        services.AddSingleton(sp => new RenewalIndex(
            sp.GetRequiredService<BillingStorage>().Renewals, configuration.GetValue("Renewals:IndexShards", RenewalIndex.DefaultShards)));
        services.AddSingleton(sp => new BlobLocks(sp.GetRequiredService<BillingStorage>().Locks));
        services.AddSingleton(sp => new RenewalBatches(sp.GetRequiredService<BillingStorage>().RenewalBatchQueue));
        services.AddSingleton(sp => new ReceivableIndex(sp.GetRequiredService<BillingStorage>().Receivables, sp.GetRequiredService<InvoiceLedger>()));
        services.AddSingleton(sp => new SpaceStore(
            sp.GetRequiredService<BillingStorage>().Spaces,
            sp.GetRequiredService<RenewalIndex>(),
            sp.GetRequiredService<ReceivableIndex>(),
            sp.GetRequiredService<Billing.Core.Catalog.PriceCatalog>().Policy));
        services.AddSingleton(sp => new TeamIndex(sp.GetRequiredService<BillingStorage>().Spaces));
        services.AddSingleton(sp => new InvoiceLedger(sp.GetRequiredService<BillingStorage>().Spaces));
        services.AddSingleton(sp => new PaymentCustomers(sp.GetRequiredService<BillingStorage>().Payments));
        services.AddSingleton(sp => new WebhookInbox(sp.GetRequiredService<BillingStorage>().Payments, sp.GetRequiredService<BillingStorage>().Webhooks));
        services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<BillingStorage>().Spaces));
        services.AddSingleton(sp => new InvoiceDocumentStore(sp.GetRequiredService<BillingStorage>().Invoices));
        services.AddSingleton(sp => new InvoiceNumbering(
            sp.GetRequiredService<BillingStorage>().Counters, sp.GetRequiredService<InvoiceLedger>(), sp.GetRequiredService<Billing.Core.Invoicing.Issuer>()));
        // V5: credit notes draw from a sequence of their own, the counter row of their prefix.
        services.AddKeyedSingleton(InvoiceIssuing.CreditNotes, (sp, _) => new InvoiceNumbering(
            sp.GetRequiredService<BillingStorage>().Counters,
            sp.GetRequiredService<InvoiceLedger>(),
            sp.GetRequiredService<Billing.Core.Invoicing.Issuer>() with { InvoiceNumberPrefix = sp.GetRequiredService<IOptions<IssuerOptions>>().Value.CreditNoteNumberPrefix }));

        if (configuration.GetValue<bool>($"{PaymentsOptions.Section}:Sandbox"))
        {
            services.AddSingleton<IPaymentGateway, SandboxGateway>();
        }

        services.AddPaymentProviders(configuration);
        services.AddTaxRegister(configuration);
        services.AddSingleton<PaymentGateways>();

        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value);
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<Billing.Infra.Issuing.IInvoicePdfRenderer, Billing.Infra.Invoices.InvoicePdf>();
        services.AddSingleton<SmtpMailer>();
        return services;
    }
}
