using System.Net;
using System.Text.Json;
using Grid.Cluster.Tests;
using Grid.Protocol.Galleries;

namespace Grid.Api.Tests;

/// <summary>Telemetry of a real silo: the Prometheus scrape endpoint (operator only) shows the search histogram in
/// seconds after a search, and the silo's JSON log lines of a search carry its search id.</summary>
[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task After_a_search_the_operator_scrapes_the_search_histogram_in_seconds_and_others_are_refused()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await SearchOnceAsync("NL/telemetry-metrics");

        using var asOperator = grid.Raw(grid.OperatorKey);
        var text = await asOperator.GetStringAsync("/metrics");
        var names = string.Join("\n", text.Split('\n').Where(l => l.StartsWith("# TYPE", StringComparison.Ordinal)));
        Assert.True(text.Contains("# TYPE grid_search_duration_seconds histogram", StringComparison.Ordinal), names);
        Assert.Matches(@"grid_search_duration_seconds_bucket\{[^}]*le=""0\.001""[^}]*\} \d", text); // buckets in seconds: 1 ms is the first
        Assert.Matches(@"grid_search_duration_seconds_count\{[^}]*coverage=""complete""[^}]*\} [1-9]", text);
        Assert.True(text.Contains("# TYPE orleans_", StringComparison.Ordinal), names); // Orleans' own meter
        Assert.True(text.Contains("# TYPE http_server_request_duration_seconds histogram", StringComparison.Ordinal), names); // ASP.NET Core's
        // .NET's own meter: the benchmark warms up until the silo's JIT count stops rising.
        Assert.Matches(@"dotnet_jit_compiled_methods_total\{[^}]*\} [1-9]", text);

        // Metric tags name galleries and shards of every force: a member force's key gets no scrape.
        using var asUser = grid.Raw(grid.UserKey("NL"));
        Assert.Equal(HttpStatusCode.Forbidden, (await asUser.GetAsync("/metrics")).StatusCode);
        using var anonymous = grid.Raw();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
    }

    [SkippableFact]
    public async Task Every_log_line_of_a_search_carries_its_search_id()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var before = grid.SiloLog().Length;
        await SearchOnceAsync("NL/telemetry-logs");

        var lines = grid.SiloLog()[before..].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("Category").GetString()!.StartsWith("Grid.Grains.Search.", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(lines);
        var started = lines.Where(l => l.GetProperty("Message").GetString()!.EndsWith(" started", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(started);
        foreach (var line in lines) Assert.NotNull(SearchIdOf(line));
        // The start line names the id it runs under, and its fan-out line carries the same id and trace.
        var start = started[^1];
        var id = SearchIdOf(start)!;
        Assert.Equal(id, start.GetProperty("State").GetProperty("SearchId").GetString());
        Assert.Contains(lines, l => SearchIdOf(l) == id && l.GetProperty("Message").GetString()!.StartsWith("Search fan-out", StringComparison.Ordinal));
    }

    private static string? SearchIdOf(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("SearchId", out _))
                .Select(s => s.GetProperty("SearchId").GetString()).FirstOrDefault()
            : null;

    private async Task SearchOnceAsync(string gallery)
    {
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        var id = GalleryId.Parse(gallery);
        await nl.CreateGalleryAsync(id, new GalleryConfig("exact", 2));
        var (subjects, templates) = Synthetic.Gallery($"{id.Name}-", 20, seed: 5);
        await nl.EnrolBulkAsync(id, subjects, templates, GalleryConfig.UnspecifiedModel, batchSize: 20);
        var hit = (await nl.SearchAsync(GalleryAndSearchTests.Request([id], templates.Row(3).ToArray()))).Response;
        Assert.Equal(subjects[3], hit.Candidates[0].SubjectRef);
    }
}
