using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Billing.Core.Amounts;
using Billing.Core.Calendar;

namespace Billing.Core.Catalog;

/// <summary>Reads a catalog from its JSON text (the shape of <c>catalog.default.json</c>).</summary>
public static class CatalogFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses and checks a catalog; throws <see cref="FormatException"/> with the reason when it is not valid.</summary>
    public static PriceCatalog Parse(string json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<FileShape>(json, Options) ?? throw new FormatException("The catalog is empty.");
            var tiers = file.Tiers.Select(t => new Tier(
                TierId.Parse(t.Id),
                t.Name,
                t.OnSale,
                t.Rank,
                t.MonthlySeatPrice.ToFrozenDictionary(p => Currency.Parse(p.Key), p => p.Value))).ToImmutableArray();
            var ladder = new SeatLadder(
                file.SeatLadder.Minimum,
                file.SeatLadder.Steps.Select(s => new SeatLadderStep(s.UpTo, s.Step)).ToImmutableArray());
            var invoice = file.Policy.InvoicePayment;
            var policy = new BillingPolicy(
                file.Policy.TrialDays,
                file.Policy.TrialEndingNoticeDays,
                [.. file.Policy.PaymentRetryDays],
                BillingCycleFacts.TryParseApiName(invoice.Cycle, out var cycle) ? cycle : throw new FormatException($"Unknown cycle '{invoice.Cycle}'."),
                invoice.MinimumMembers,
                invoice.NetDays);
            return new PriceCatalog(
                tiers,
                ladder,
                Currency.Parse(file.Currencies.Default),
                file.Currencies.ByCountry.ToFrozenDictionary(c => c.Key, c => Currency.Parse(c.Value), StringComparer.Ordinal),
                file.TaxRates.ToFrozenDictionary(t => t.Key, t => new TaxRate(t.Value), StringComparer.Ordinal),
                policy)
            {
                HomeCountry = file.HomeCountry ?? "NL",
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
        {
            throw new FormatException($"The catalog is not valid: {e.Message}", e);
        }
    }

    internal static PriceCatalog LoadDefault()
    {
        using var stream = typeof(CatalogFile).Assembly.GetManifestResourceStream("Billing.Core.catalog.default.json")
            ?? throw new InvalidOperationException("The default catalog is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed record FileShape(
        List<TierShape> Tiers,
        LadderShape SeatLadder,
        CurrenciesShape Currencies,
        Dictionary<string, int> TaxRates,
        PolicyShape Policy,
        string? HomeCountry);

    private sealed record TierShape(string Id, string Name, bool OnSale, int Rank, Dictionary<string, long> MonthlySeatPrice);

    private sealed record LadderShape(int Minimum, List<StepShape> Steps);

    private sealed record StepShape(int UpTo, int Step);

    private sealed record CurrenciesShape(string Default, Dictionary<string, string> ByCountry);

    private sealed record PolicyShape(int TrialDays, int TrialEndingNoticeDays, List<int> PaymentRetryDays, InvoicePaymentShape InvoicePayment);

    private sealed record InvoicePaymentShape(string Cycle, int MinimumMembers, int NetDays);
}
