using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Billing.Infra.Storage;
using static Billing.Infra.Tests.Storage.StorageScenario;

namespace Billing.Infra.Tests.Storage;

/// <summary>A stored row whose id is missing or empty is refused when read, naming the row, never read as a default id.</summary>
public class StoredIdTests(AzuriteStorage azurite) : IClassFixture<AzuriteStorage>
{
    private readonly SpaceStore _store = azurite.Spaces;

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    public async Task A_space_row_without_its_id_is_refused_when_read(string how)
    {
        var id = NewSpaceId();
        await StoredSpaceWithMembersAsync(_store, id);
        await RewriteAsync(id, "space", json =>
        {
            var space = json["space"]!.AsObject();
            if (how == "missing")
            {
                space.Remove("id");
            }
            else
            {
                space["id"] = string.Empty;
            }
        });

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => _store.LoadAsync(id, CancellationToken.None));
        Assert.Contains($"{id}/space", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_row_without_its_user_id_is_refused_when_read()
    {
        var id = NewSpaceId();
        await StoredSpaceWithMembersAsync(_store, id);
        await RewriteAsync(id, "member|u2", json => json.AsObject().Remove("userId"));

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => _store.LoadAsync(id, CancellationToken.None));
        Assert.Contains("member|u2", refused.Message, StringComparison.Ordinal);
    }

    private async Task RewriteAsync(Billing.Core.Common.SpaceId space, string rowKey, Action<JsonNode> change)
    {
        var table = await azurite.Storage.Spaces.OfAsync(space, CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>(space.Value, rowKey)).Value;
        var json = JsonNode.Parse(row.GetString("Json"))!;
        Assert.True(json is JsonObject);
        change(json);
        row["Json"] = json.ToJsonString();
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
    }
}
