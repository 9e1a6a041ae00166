namespace Billing.Functions.Hosting;

/// <summary>
/// The Azure Functions custom-handler contract: the host starts this server with
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set and waits until <c>GET /</c> answers.
/// </summary>
public static class CustomHandler
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static void ListenOnHostPort(WebApplicationBuilder builder)
    {
        var port = Environment.GetEnvironmentVariable(PortVariable);
        if (!string.IsNullOrEmpty(port))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
    }
}
