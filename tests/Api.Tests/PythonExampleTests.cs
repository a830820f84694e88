using System.Diagnostics;
using Grid.Cluster.Tests.Harness;

namespace Grid.Api.Tests;

/// <summary>examples/python/grid_example.py (standard library only) against the live grid: gallery, enrolment, search,
/// audit — what a force not on .NET does.</summary>
[Collection(ApiCollection.Name)]
public sealed class PythonExampleTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task The_python_example_creates_enrols_searches_and_reads_the_audit()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var python = new[] { "/usr/bin/python3", "/usr/local/bin/python3" }.FirstOrDefault(File.Exists);
        Skip.If(python is null, "python3 is not installed; the example needs only its standard library.");
        var start = new ProcessStartInfo(python!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(LocalCluster.RepoRoot, "examples", "python", "grid_example.py"), "python-example" },
            Environment =
            {
                ["GRID_ENDPOINT"] = grid.Endpoint.ToString(),
                ["GRID_CA_FILE"] = grid.Cluster.Certificates.AuthorityFile,
                ["GRID_API_KEY"] = grid.UserKey("NL"),
                ["GRID_FORCE"] = "NL",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await output}\n{await errors}");
        Assert.Contains("enrolled: 20 added", await output);
        Assert.Contains("rank 1: NL/python-example py-0007", await output);
        Assert.Contains("audit chain intact", await output);
    }
}
