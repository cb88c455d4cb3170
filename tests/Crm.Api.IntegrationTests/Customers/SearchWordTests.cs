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
}
