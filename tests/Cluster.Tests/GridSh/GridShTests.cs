using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grid.DevCluster;
using Xunit;

namespace Grid.Cluster.Tests.GridSh;

/// <summary>
/// <c>./grid.sh up</c>, <c>status</c>, <c>silo add --force NL</c>, <c>silo kill</c> of a silo that is not running, and
/// <c>down</c>, as a user runs them (through the local-cluster tool), on free ports: the portal serves its own
/// certificate from the grid's CA, NL's own storage account is made 0600 and reaches NL's silo only in its environment
/// (Azurite restarted to serve it), failures exit non-zero with a message, and down leaves nothing running.
/// </summary>
[Collection(GridShCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GridShTests : IDisposable
{
    private readonly GridShRun _grid = new();

    [SkippableFact]
    public async Task Up_status_silo_add_force_and_down_through_the_tool()
    {
        var missing = GridShRun.MissingPrerequisite();
        Skip.If(missing is not null, missing);
        try
        {
            var (upCode, up) = await _grid.RunAsync("up");
            Assert.True(upCode == 0, Explain(up));
            Assert.Contains("grid up: 1 silo(s)", up);
            var portalPort = _grid.Ports[Protocol.Local.LocalGridDefaults.PortalPortVariable];
            Assert.Contains($"https://localhost:{portalPort}/", up);
            Assert.Equal("CN=grid-portal", await PortalSubjectAsync(portalPort));

            var (statusCode, status) = await _grid.RunAsync("status");
            Assert.True(statusCode == 0, Explain(status));
            Assert.Contains("silo-0: running", status);
            Assert.Contains("portal: running", status);
            Assert.Contains("Active", status); // gridctl status, as the operator

            var (addCode, add) = await _grid.RunAsync("silo", "add", "--force", "NL");
            Assert.True(addCode == 0, Explain(add));
            Assert.Contains("silo 1 started (force NL)", add);
            Assert.Contains("2 account(s)", add); // Azurite restarted to serve NL's account
            var accounts = new ForceStorageAccounts(_grid.Keys);
            foreach (var file in new[] { accounts.AccountFile("NL"), accounts.ConnectionFile("NL") })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var connection = accounts.ConnectionString("NL")!;
            var silo1 = _grid.Pid("silo-1")!.Value;
            Assert.Contains($"{ForceStorageAccounts.Variable("NL")}={connection}", ProcFile(silo1, "environ"));
            Assert.DoesNotContain("AccountKey", ProcFile(silo1, "cmdline"));
            Assert.DoesNotContain(ForceStorageAccounts.Variable("NL"), ProcFile(_grid.Pid("silo-0")!.Value, "environ"));
            Assert.Contains("force=NL", (await _grid.RunAsync("status")).Output);

            var (killCode, kill) = await _grid.RunAsync("silo", "kill", "9");
            Assert.Equal(1, killCode);
            Assert.Contains("silo 9 is not running", kill);
            Assert.Equal(2, (await _grid.RunAsync("nonsense")).ExitCode);

            var pids = new[] { "azurite", "silo-0", "silo-1", "portal" }.Select(n => _grid.Pid(n)!.Value).ToArray();
            var (downCode, down) = await _grid.RunAsync("down");
            Assert.True(downCode == 0, Explain(down));
            Assert.All(pids, pid => Assert.False(ProcessGroup.IsAlive(pid), $"pid {pid} still runs after down"));
            Assert.Contains("nothing started", (await _grid.RunAsync("status")).Output);
        }
        finally
        {
            await _grid.RunAsync("down");
        }
    }

    /// <summary>The subject of the certificate the portal serves, trusting only the grid's CA.</summary>
    private async Task<string> PortalSubjectAsync(int port)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_grid.Keys, Protocol.Local.LocalGridDefaults.CaFileName));
        string? subject = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    subject = certificate?.Subject;
                    return certificate is X509Certificate2 presented && chain.Build(presented);
                },
            },
        };
        using var http = new HttpClient(handler);
        using var response = await http.GetAsync($"https://localhost:{port}/");
        Assert.True((int)response.StatusCode < 500, $"portal answered {(int)response.StatusCode}");
        return subject!;
    }

    /// <summary>A failed step's output with the tail of every log in the run folder (a silo that exited early says why there).</summary>
    private string Explain(string output) =>
        output + string.Concat((Directory.Exists(_grid.Run) ? Directory.GetFiles(_grid.Run, "*.log") : [])
            .Select(log => $"\n--- {Path.GetFileName(log)}:\n{SiloLauncher.Tail(log, 15)}"));

    private static string ProcFile(int pid, string name) => File.ReadAllText($"/proc/{pid}/{name}").Replace('\0', '\n');

    public void Dispose() => _grid.Dispose();
}
