using Billing.Functions;

await BillingServer.Build(args).RunAsync();
