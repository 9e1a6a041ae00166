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

// `Billing.Functions --mint-token <userId> [roles...]` prints a bearer token for local runs, and exits.
var mint = Array.IndexOf(args, LocalTokens.MintFlag);
if (mint >= 0 && mint + 1 < args.Length)
{
    var roles = args.Skip(mint + 2).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    Console.WriteLine(LocalTokens.Mint(app.Services.GetRequiredService<IOptions<AuthOptions>>().Value, args[mint + 1], roles));
    return;
}

await app.RunAsync();
