using Billing.Functions;
using Billing.Functions.Hosting;
using Billing.Functions.RenewalRun;
using Microsoft.Extensions.Options;

var app = BillingServer.Build(args);

// `Billing.Functions --emit-functions <dir>` writes one function.json per function for the package, and exits.
var emit = Array.IndexOf(args, FunctionManifest.EmitFlag);
if (emit >= 0 && emit + 1 < args.Length)
{
    FunctionManifest.Emit(new CompositeEndpointDataSource(((IEndpointRouteBuilder)app).DataSources), app.Services.GetRequiredService<IOptions<RenewalOptions>>().Value.Schedule, args[emit + 1]);
    return;
}

await app.RunAsync();
