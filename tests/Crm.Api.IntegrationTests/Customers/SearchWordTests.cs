using System.Net.Http.Json;
using Crm.Api.IntegrationTests.Infrastructure;
using Crm.Domain.Common;
using Crm.Infrastructure.Persistence;
using Npgsql;

namespace Crm.Api.IntegrationTests.Customers;

public sealed class SearchWordTests(CrmApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("twardowski-kazmierczak handel info.2@twardowskikazmierczak.com.pl +48504783295 https://www.twardowskikazmierczak.com.pl poznan")]
    [InlineData("o'connor, smith & sons (uk) \"best\"! why? erp-000001 l'hospitalet de llobregat")]
    [InlineData("αθηναικη info@athinaiki.gr αθηνα πειραιας")]
    [InlineData("ab abc abcd x_y 3m sao paulo distribuidora xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task TheApiAndTheImportMergeSplitSearchTextIntoTheSameWords(string searchText)
    {
        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT coalesce(array_agg(DISTINCT w ORDER BY w), '{{}}') FROM (SELECT @text AS search_text) AS changed, {SearchWordSql.From} WHERE {SearchWordSql.Where}", db);
        command.Parameters.AddWithValue("text", searchText);
        var inSql = (string[])(await command.ExecuteScalarAsync())!;

        var inDotNet = SearchText.Words(searchText).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        inDotNet.ShouldNotBeEmpty();
        inSql.ShouldBe(inDotNet);
    }

    [Fact]
    public async Task TheWordPostingsFollowEveryWriteEvenBySqlByHand()
    {
        using var client = await Factory.AdminClientAsync();
        var id = Guid.Parse((await (await client.PostAsJsonAsync("/api/v1/customers", new { name = "Łódź Handel", type = "lead", email = "biuro@lodz-handel.pl" }))
            .JsonBody()).GetProperty("id").GetString()!);
        await using var db = new NpgsqlConnection(Factory.ConnectionString);
        await db.OpenAsync();

        async Task<string[]> Postings()
        {
            await using var command = new NpgsqlCommand("SELECT coalesce(array_agg(word || ':' || name ORDER BY word), '{}') FROM customer_search WHERE id = @id", db);
            command.Parameters.AddWithValue("id", id);
            return (string[])(await command.ExecuteScalarAsync())!;
        }

        async Task Execute(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db);
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync();
        }

        (await Postings()).ShouldBe(["biuro:Łódź Handel", "handel:Łódź Handel", "lodz:Łódź Handel"]); // "pl" is too short
        await Execute("UPDATE customers SET tags = '{x}' WHERE id = @id"); // no search change: postings untouched
        (await Postings()).Length.ShouldBe(3);
        await Execute("UPDATE customers SET name = 'Nowa Nazwa', search_text = 'nowa nazwa' WHERE id = @id");
        (await Postings()).ShouldBe(["nazwa:Nowa Nazwa", "nowa:Nowa Nazwa"]);
        await Execute("DELETE FROM audit_entries WHERE entity_id = @id; DELETE FROM customers WHERE id = @id");
        (await Postings()).ShouldBeEmpty();
    }
}
