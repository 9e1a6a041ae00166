namespace Billing.Functions.Hosting;

/// <summary>
/// The Azure Functions custom-handler contract: the host starts this server with
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set and waits until <c>GET /</c> answers; then it forwards
/// HTTP requests as they came, and timer and queue invocations as <c>POST /{FunctionName}</c>.
/// Read from configuration (environment variables are part of it), so tests can set it per server.
/// </summary>
public static class CustomHandler
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool IsHosted(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortVariable]);

    public static void ListenOnHostPort(WebApplicationBuilder builder)
    {
        if (builder.Configuration[PortVariable] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
    }
}
