using System.Diagnostics;
using Grid.Cluster.Tests.Harness;
using Grid.DevCluster;
using Xunit;

namespace Grid.Cluster.Tests;

/// <summary>
/// The real Grid.Silo binary's settings (issue 12, "a wrong or missing setting stops the silo at start with a
/// message naming it"): each bad setting exits with code 2 before the silo touches storage or the network, naming
/// the setting; --help lists every setting with its default; docs/OPERATIONS.md holds the generated table.
/// </summary>
public sealed class SiloSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("grid-silo-settings-").FullName;
    private readonly LocalCertificates _certificates;

    public SiloSettingsTests() => _certificates = LocalCertificates.Ensure(Path.Combine(_folder, "keys"));

    public static TheoryData<string[], string, string> BadSettings => new()
    {
        { ["--liveness", "sometimes"], "", "--liveness (Grid:Silo:Liveness): is fast or default, not 'sometimes'" },
        { ["--tls-cert", "/nonexistent/silo.crt"], "", "--tls-cert (Grid:Silo:TlsCertificate): file /nonexistent/silo.crt does not exist" },
        { ["--storage", "not a connection string"], "", "--storage (Grid:Silo:Storage): is not an Azure Storage connection string" },
        { [], "Grid__Silo__ApiPort=eighty", "Grid:Silo:ApiPort" },
        { ["--gateway-port", "30000"], "", "Silos open no Orleans client gateway" },
        { ["--silo-prot", "1"], "", "Unknown option --silo-prot" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_silo_with_a_message_naming_it(string[] extra, string environment, string expected)
    {
        Skip.If(SiloLauncher.Missing() is not null, SiloLauncher.Missing());
        var args = new List<string> { "--tls-cert", _certificates.CertificateFile, "--tls-key", _certificates.KeyFile, "--tls-ca", _certificates.AuthorityFile };
        // A later switch wins, as in any .NET command line: the bad value replaces the good one.
        args.AddRange(extra);
        var (code, output) = await RunSiloAsync(args, environment);

        Assert.Equal(2, code);
        Assert.Contains(expected, output);
    }

    [SkippableFact]
    public async Task Help_lists_every_setting_with_its_default_and_the_docs_hold_the_generated_table()
    {
        Skip.If(SiloLauncher.Missing() is not null, SiloLauncher.Missing());
        var (code, help) = await RunSiloAsync(["--help"], "");
        Assert.Equal(0, code);
        foreach (var setting in new[] { "--silo-port", "--api-port", "--tls-cert", "--tls-key", "--tls-ca", "--force", "--storage", "--cluster-id",
                     "--dashboard-port", "--liveness", "--allow-fallback", "--advertise-ip", "--operator-key-file" })
            Assert.Contains(setting, help);
        Assert.Contains("default 11111", help);
        Assert.Contains("default 8443", help);

        var (_, table) = await RunSiloAsync(["--settings-markdown"], "");
        var docs = await File.ReadAllTextAsync(Path.Combine(LocalCluster.RepoRoot, "docs", "OPERATIONS.md"));
        Assert.Contains(table.Trim(), docs.ReplaceLineEndings("\n"));
    }

    private static async Task<(int Code, string Output)> RunSiloAsync(IEnumerable<string> args, string environment)
    {
        var info = new ProcessStartInfo(SiloLauncher.Binary()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        if (environment.Split('=', 2) is [var name, var value]) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // it started instead of refusing: the assertion below says so
            await process.WaitForExitAsync();
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
