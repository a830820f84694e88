using System.Diagnostics;
using Grid.Client;
using Grid.DevCluster;
using Grid.Protocol.Identity;
using Grid.Protocol.Local;

namespace Grid.Bench;

/// <summary>
/// The grid the end-to-end benchmark talks to. If <c>./grid.sh up</c> has not been run, it runs it (same
/// environment, so <c>GRID_*_PORT</c> variables apply) and runs <c>./grid.sh down</c> when disposed; a grid
/// that was already up is used and left running.
/// </summary>
public sealed class GridHarness(TextWriter log) : IAsyncDisposable
{
    private bool _started;

    /// <summary>The repository root (the one root finder).</summary>
    public static string Root { get; } = RepositoryRoot.Find();

    /// <summary>Where <c>grid.sh up</c>'s grid keeps its pid files and keys (GRID_DATA and the GRID_*_PORT* variables apply).</summary>
    private static LocalGridLayout Layout { get; } = LocalGridLayout.FromEnvironment(Root);

    /// <summary>The silo started by <c>grid.sh up</c> (silo 0), for its resident memory.</summary>
    public static int? SiloProcessId => Layout.RunningPid("silo-0");

    public async Task EnsureUpAsync()
    {
        if (IsUp())
        {
            log.WriteLine("grid: already up; using it and leaving it running");
            return;
        }
        log.WriteLine("grid: not up; running ./grid.sh up");
        await RunGridShAsync("up");
        _started = true;
    }

    /// <summary>The force the benchmarks act as: an agency id of its own, so they never touch a real force's galleries.</summary>
    public const string BenchForce = "NL-BENCH";

    /// <summary>The one place a benchmark client is made: as the benchmark user of <see cref="BenchForce"/>.</summary>
    public static async Task<GridClient> ConnectAsync() => await ConnectAsync(await BenchKeyAsync());

    /// <summary>The local grid's first silo's API (GRID_API_PORT_BASE) and its CA (.data/keys/ca.crt), as gridctl finds them.</summary>
    private static Task<GridClient> ConnectAsync(string apiKey) => GridClient.ConnectAsync(new GridClientOptions
    {
        CaCertificateFile = Environment.GetEnvironmentVariable(GridClientOptions.CaFileVariable) ?? Layout.CaFile,
        ConnectTimeout = TimeSpan.FromSeconds(60),
        ApiKey = apiKey,
    });

    /// <summary>The benchmark user's key, <c>keys/bench.key</c> in the data folder; made once with the operator's key (the
    /// operator creates <see cref="BenchForce"/>, whose admin adds the user).</summary>
    private static async Task<string> BenchKeyAsync()
    {
        var keys = Layout.Keys;
        var keyFile = Path.Combine(keys, "bench.key");
        if (File.Exists(keyFile)) return ApiKeys.FromFile(keyFile);
        await using var asOperator = await ConnectAsync(ApiKeys.FromFile(Path.Combine(keys, "operator.key")));
        if ((await asOperator.ListMemberIdsAsync()).Contains(BenchForce))
            throw new InvalidOperationException($"Force {BenchForce} exists but {keyFile} is missing: restore the key file, or start from an empty .data/.");
        var admin = await asOperator.CreateForceAsync(BenchForce, "benchmarks", "bench-admin");
        await using var asAdmin = await ConnectAsync(admin.Key);
        var user = await asAdmin.AddUserAsync(BenchForce, "bench", Role.Searcher | Role.Enroller | Role.ForceAdmin);
        KeyFile.Write(keyFile, user.Key);
        return user.Key;
    }

    /// <summary>Whether this run started the grid (and may therefore restart it).</summary>
    public bool StartedHere => _started;

    /// <summary><c>./grid.sh down</c> then <c>up</c>: every shard comes back from its snapshot and log on first use.</summary>
    public async Task RestartAsync()
    {
        await RunGridShAsync("down");
        await RunGridShAsync("up");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_started) return;
        log.WriteLine("grid: running ./grid.sh down (this run started it)");
        await RunGridShAsync("down");
    }

    /// <summary>Resident memory of a process in bytes (VmRSS), or null where /proc is not available.</summary>
    public static long? ResidentBytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1]) * 1024; // "VmRSS:\t 4000000 kB": a tab, then padding that 8 digits no longer need
    }

    private static readonly (string Name, string Value)[] BenchRateLimits =
    [
        ("Grid__Api__PerKeyRequestsPerSecond", "100000"), ("Grid__Api__PerKeyBurst", "100000"),
        ("Grid__Api__PerForceRequestsPerSecond", "100000"), ("Grid__Api__PerForceBurst", "100000"),
    ];

    private static bool IsUp() => SiloProcessId is { } pid && ResidentBytes(pid) is not null;

    private async Task RunGridShAsync(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "grid.sh"), command)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The bench key sends hundreds of searches a second (32 in flight): above the API's default per-key and
        // per-force rates, which would answer 429. A grid the bench starts allows it; one already up keeps its own limits.
        foreach (var (name, value) in BenchRateLimits)
            if (Environment.GetEnvironmentVariable(name) is null) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start grid.sh");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        log.Write(await stdout);
        log.Write(await stderr);
        if (process.ExitCode != 0) throw new InvalidOperationException($"./grid.sh {command} exited with {process.ExitCode}");
    }
}
