// The function app's server. Hosted as an Azure Functions custom handler, it listens on
// FUNCTIONS_CUSTOMHANDLER_PORT when the host sets it; run alone, on the configured URLs.
var builder = WebApplication.CreateBuilder(args);
var customHandlerPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
if (!string.IsNullOrEmpty(customHandlerPort))
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{customHandlerPort}");
}

var app = builder.Build();

// The Functions host waits until GET / answers before it forwards anything.
app.MapGet("/", () => Results.Ok());

app.Run();
