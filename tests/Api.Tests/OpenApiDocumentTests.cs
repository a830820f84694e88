using System.Text.Json.Nodes;
using Grid.Cluster.Tests.Harness;

namespace Grid.Api.Tests;

/// <summary>The OpenAPI document the grid serves is the one committed in docs/openapi.json (regenerate it with
/// <c>GRID_UPDATE_OPENAPI=1</c> when the API changes on purpose, and review the diff).</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiGrid grid)
{
    private static string Committed => Path.Combine(LocalCluster.RepoRoot, "docs", "openapi.json");

    [SkippableFact]
    public async Task The_served_document_matches_docs_openapi_json()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        using var http = grid.Raw();
        var served = JsonNode.Parse(await http.GetStringAsync("openapi/v1.json"))!;
        if (Environment.GetEnvironmentVariable("GRID_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(Committed, served.ToJsonString(new() { WriteIndented = true }) + "\n");

        Assert.True(File.Exists(Committed), $"{Committed} is missing: run this test once with GRID_UPDATE_OPENAPI=1.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Committed))!;
        Assert.True(JsonNode.DeepEquals(committed, served),
            "docs/openapi.json differs from what the API serves: rerun with GRID_UPDATE_OPENAPI=1 and review the diff.");
        Assert.Equal("3.1.1", served["openapi"]!.GetValue<string>());
        Assert.NotNull(served["components"]?["securitySchemes"]?["apiKey"]);
    }
}
