using Billing.Functions.Http;

namespace Billing.Functions.Hosting;

/// <summary>
/// The Azure Functions custom-handler contract: the host starts this server with
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set and waits until <c>GET /</c> answers; then it forwards
/// HTTP requests as they came, and timer and queue invocations as <c>POST /{FunctionName}</c>.
/// Read from configuration (environment variables are part of it), so tests can set it per server.
/// <para>
/// Under the host the server listens on loopback only, and the invocation routes answer only what
/// the host sends: a call from loopback carrying the host's <c>X-Azure-Functions-InvocationId</c>.
/// Anything else finds no such route (404). Outside callers never reach them through the host, which
/// forwards HTTP only under <c>/api/</c>; the header keeps a stray local request (a probe, a
/// misrouted health check) from starting a renewal run. It is no secret: a process that can reach
/// loopback in the same sandbox could send it, and that process could read the app's settings anyway.
/// </para>
/// </summary>
public static class CustomHandler
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The header the Functions host puts on every invocation it forwards to a custom handler.</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public static bool IsHosted(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortVariable]);

    public static void ListenOnHostPort(WebApplicationBuilder builder)
    {
        if (builder.Configuration[PortVariable] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
    }

    /// <summary>Lets through only an invocation as the host sends it; anything else is answered as a route that does not exist.</summary>
    public static ValueTask<object?> OnlyFromHost(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var fromHost = http.Connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote)
            && http.Request.Headers[InvocationIdHeader].ToString().Length > 0;
        return fromHost ? next(context) : ValueTask.FromResult<object?>(Problems.NotFound());
    }
}
