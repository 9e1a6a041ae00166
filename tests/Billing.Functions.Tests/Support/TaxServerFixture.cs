namespace Billing.Functions.Tests.Support;

/// <summary>The server with VIES configured (<c>Tax__Vies__BaseUrl</c>), pointed at a <see cref="ViesStub"/> with a short timeout.</summary>
public sealed class TaxServerFixture : BillingServerFixture, IAsyncDisposable
{
    public ViesStub Vies { get; } = new();

    protected override string[] Arguments =>
    [
        .. Settings(),
        "--Tax:HomeCountry=NL",
        $"--Tax:Vies:BaseUrl={Vies.BaseUrl}",
        "--Tax:Vies:TimeoutSeconds=1",
    ];

    async ValueTask IAsyncDisposable.DisposeAsync() => await Vies.DisposeAsync();
}
