using System.Diagnostics;
using Grid.Cluster.Tests.Harness;

namespace Grid.Api.Tests;

/// <summary>
/// <c>dotnet pack</c> of Grid.Protocol, Grid.Faces and Grid.Client into a local folder feed, then a throwaway console
/// app that installs Grid.Client from it (by package, not project) and searches the live grid with only an endpoint, a
/// key and the CA file from the environment. A fresh prerelease version per run, so NuGet's cache never serves a stale one.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PackedClientTests(ApiGrid grid)
{
    private const string Program = """
        using Grid.Client;
        using Grid.Protocol.Galleries;
        using Grid.Protocol.Search;

        // Endpoint, key and CA come from GRID_ENDPOINT, GRID_API_KEY and GRID_CA_FILE.
        await using var grid = await GridClient.ConnectAsync();
        var me = await grid.WhoAmIAsync();
        var id = new GalleryId(me.Force!, "packed");
        await grid.CreateGalleryAsync(id, new GalleryConfig("exact", 1));
        var template = new float[512];
        template[3] = 1;
        await grid.EnrolAsync(id, new EnrolBatch(["packed-1"], template, GalleryConfig.UnspecifiedModel));
        var purpose = new SearchPurpose("organised-armed-robbery", "PACKED-1", SubjectCategory.Suspect, "Search from the packed client test");
        var result = await grid.SearchAsync(new SearchRequest([id], template, purpose));
        Console.WriteLine($"top candidate: {result.Response.Candidates[0].SubjectRef} score {result.Response.Candidates[0].Score:0.00}");
        """;

    [SkippableFact]
    public async Task The_packed_client_installs_from_a_folder_feed_and_searches_the_grid()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var work = Path.Combine(grid.Cluster.Folder, "packed-client");
        var feed = Path.Combine(work, "feed");
        var app = Path.Combine(work, "app");
        Directory.CreateDirectory(app);
        var version = $"1.0.0-t{DateTime.UtcNow:yyyyMMddHHmmss}";
        foreach (var project in new[] { "Protocol", "Faces", "Client" })
            await Run(LocalCluster.RepoRoot, "pack", Path.Combine("src", project), "-c", "Release", "--no-build", "-o", feed, $"-p:Version={version}", "-nologo");
        Assert.Equal(3, Directory.GetFiles(feed, $"*.{version}.nupkg").Length);

        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <configuration><packageSources><add key="grid-local" value="{feed}" /></packageSources></configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageReference Include="Grid.Client" Version="{version}" /></ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), Program);

        var output = await Run(app, "run", "-c", "Release", "-nologo");

        Assert.Contains("top candidate: packed-1 score 1.00", output);
    }

    private async Task<string> Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GRID_ENDPOINT"] = grid.Endpoint.ToString();
        start.Environment["GRID_CA_FILE"] = grid.Cluster.Certificates.AuthorityFile;
        start.Environment["GRID_API_KEY"] = grid.UserKey("DE");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}\n{await output}\n{await errors}");
        return await output;
    }
}
