using Grid.DevCluster;

// The local-cluster tool's front end: ./grid.sh parses the user's arguments and calls this for up, down, status and
// silo add|start|stop|kill, cert and the portal, so the background grid is started and stopped by the same code the
// tests and benchmarks use. `env` prints the folders and addresses grid.sh needs (as shell assignments) so none is
// repeated there; `check` says what `up` would miss. Exit codes: 0 done, 1 failed (message on stderr), 2 usage.
static void Say(string message) => Console.WriteLine($"\u001b[1;34m==>\u001b[0m {message}");

var grid = new LocalGrid(LocalGridLayout.FromEnvironment(), Say);
var layout = grid.Layout;
try
{
    switch (args)
    {
        case ["up"] or ["up", "--silos", _]:
            var silos = args is [_, "--silos", var n] ? int.TryParse(n, out var count) && count > 0 ? count
                : throw new DevClusterException($"up: --silos needs a positive number, not {n}") : 1;
            await grid.StartAzuriteAsync();
            for (var i = 0; i < silos; i++) await grid.StartSiloAsync(i, null);
            for (var i = 0; i < 100 && !File.Exists(layout.OperatorKeyFile); i++) await Task.Delay(100);
            if (!File.Exists(layout.OperatorKeyFile) || new FileInfo(layout.OperatorKeyFile).Length == 0)
                throw new DevClusterException($"the silo did not write the operator key {layout.OperatorKeyFile} (see {layout.Run}/silo-0.log)");
            if (await grid.GridctlAsync(quiet: true, "status") != 0) throw new DevClusterException($"the grid did not answer (see {layout.Run}/silo-*.log)");
            await grid.StartPortalAsync();
            Say($"grid up: {silos} silo(s); operator key: {layout.OperatorKeyFile} (mode 0600); ./gridctl status shows it; ./grid.sh down stops it");
            Say($"examiners' portal: {layout.PortalUrl} (sign in with a force user's key, not the operator's)");
            Say($"HTTPS API: {layout.ApiUrl(0)}v1/ (OpenAPI document: {layout.ApiUrl(0)}openapi/v1.json); trust only the grid's CA: {layout.CaFile}");
            return 0;
        case ["down"]:
            await grid.DownAsync();
            return 0;
        case ["status"]:
            var lines = grid.StatusLines();
            foreach (var line in lines) Console.WriteLine(line);
            if (lines.Count == 0)
            {
                Console.WriteLine("nothing started: ./grid.sh up");
                return 0;
            }
            Console.Out.Flush();
            if (layout.RunningPid("silo-0") is not null) await grid.GridctlAsync(quiet: false, "status");
            return 0;
        case ["silo", "add", .. var rest]:
            var force = rest switch
            {
                [] => null,
                ["--force", var f] when ForceIds.IsValid(f) => f,
                ["--force", var f] => throw new DevClusterException($"silo add: '{f}' is not a force id (NL, DE-BKA)"),
                _ => throw new DevClusterException($"silo add: unknown option {string.Join(' ', rest)} (usage: silo add [--force F])"),
            };
            if (force is not null) await grid.EnsureForceAccountAsync(force);
            await grid.StartAzuriteAsync();
            var index = grid.NextSiloIndex();
            await grid.StartSiloAsync(index, force);
            Console.WriteLine($"silo {index} started (force {force ?? "shared"})");
            return 0;
        case ["silo", "start", var id]:
            var known = (int.TryParse(id, out var number) && number >= 0 ? grid.ForceOf(number) : null)
                        ?? throw new DevClusterException($"silo {id} was never started here (./grid.sh silo add)");
            if (layout.RunningPid($"silo-{id}") is { } running) throw new DevClusterException($"silo {id} is already running (pid {running})");
            await grid.StartAzuriteAsync();
            await grid.StartSiloAsync(number, known.Length == 0 ? null : known);
            return 0;
        case ["silo", "stop", var id]:
            if (layout.RunningPid($"silo-{id}") is null) throw new DevClusterException($"silo {id} is not running");
            await grid.StopAsync($"silo-{id}");
            return 0;
        case ["silo", "kill", var id]:
            var pid = grid.Kill($"silo-{id}");
            Say($"killed silo-{id} (pid {pid}, SIGKILL); the cluster declares it dead within seconds (--liveness fast), then its shards reactivate");
            return 0;
        case ["cert", "--force", var owner]:
            // A member force's client certificate from the local CA (the openssl steps' replacement).
            if (!ForceIds.IsValid(owner)) throw new DevClusterException($"cert: '{owner}' is not a force id (NL, DE-BKA)");
            var crt = LocalCertificates.Ensure(layout.Keys).IssueClient(owner);
            Say($"client certificate for {owner}: {crt} (key {Path.ChangeExtension(crt, ".key")}, 0600); gridctl --client-cert {crt}");
            return 0;
        case ["portal"]:
            await grid.StartPortalAsync();
            return 0;
        case ["check"]:
            var missing = layout.Missing();
            foreach (var line in missing) Console.Error.WriteLine(line);
            return missing.Count == 0 ? 0 : 1;
        case ["env"]:
            // Shell assignments for grid.sh, named LOCAL_* so they never shadow the GRID_* variables users set.
            foreach (var (name, value) in new (string, object)[]
                     {
                         ("LOCAL_DATA", layout.Data), ("LOCAL_DATA_HOME", layout.DataHome), ("LOCAL_RUN", layout.Run),
                         ("LOCAL_KEYS", layout.Keys), ("LOCAL_OPERATOR_KEY", layout.OperatorKeyFile), ("LOCAL_CA_FILE", layout.CaFile),
                         ("LOCAL_API_URL", layout.ApiUrl(0)), ("LOCAL_PORTAL_URL", layout.PortalUrl), ("LOCAL_GRIDCTL", layout.Gridctl),
                     })
                Console.WriteLine($"{name}={ShellQuote($"{value}")}");
            return 0;
        default:
            Console.Error.WriteLine("usage: Grid.DevCluster up [--silos N] | down | status | silo add [--force F] | silo start ID | silo stop ID | silo kill ID | cert --force F | portal | check | env");
            return 2;
    }
}
catch (Exception e) when (e is DevClusterException or IOException or UnauthorizedAccessException)
{
    // A file the tool cannot read or write (a folder of another owner, a full disk) is the user's to fix: a message, no trace.
    Console.Error.WriteLine($"\u001b[1;31merror:\u001b[0m {e.Message}");
    return 1;
}

// Single quotes, with any single quote inside closed, escaped and reopened: paths may hold spaces or quotes.
static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
