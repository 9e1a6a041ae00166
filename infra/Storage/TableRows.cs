using System.Text.Json;
using Azure.Data.Tables;

namespace Billing.Infra.Storage;

/// <summary>
/// The row codec of the spaces' tables: each row keeps one value of core (or of storage's own records)
/// as JSON in its <c>Json</c> column (<see cref="StorageJson"/>). A row that cannot be read back as
/// a whole value (an id missing or empty, a malformed field) is refused with the row named, never
/// read as a default.
/// </summary>
internal static class TableRows
{
    private const string Json = "Json";

    /// <exception cref="InvalidDataException">The row does not hold a valid <typeparamref name="T"/>.</exception>
    public static T Read<T>(TableEntity row)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(row.GetString(Json) ?? "null", StorageJson.Options)
                ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} is empty.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    public static TableEntity Of<T>(string partition, string rowKey, T value) =>
        new(partition, rowKey) { [Json] = JsonSerializer.Serialize(value, StorageJson.Options) };
}
