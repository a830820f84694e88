using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grid.Client;
using Grid.Cluster.Tests;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;
using Grid.Soak;

// Soak: mixed enrolments, removals and searches from three forces through the HTTPS API while silos are killed
// (SIGKILL) or frozen (SIGSTOP) and started again at random, then a checker: every acknowledged enrolment is found,
// every acknowledged removal is gone, every force's audit verifies, no search errored. Not part of the tests.
//   ./grid.sh soak --minutes N [--seed S] [--out FILE] [--cold-restart 0]   (FILE: a markdown summary appended, e.g.
//   docs/RELIABILITY.md; --cold-restart 0 skips killing and restarting every silo before the check; --silos 2 runs
//   only the two shared-pool silos)
// Silos: 0 = shared pool + the API the clients use (never harmed), 1 = shared pool, 2 = force NL, 3 = force DE;
// FR has no silo of its own (shared pool). NL also searches FR's gallery under an agreement.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var opts = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--") && x.i + 1 < args.Length).ToDictionary(x => x.a[2..], x => args[x.i + 1]);
var minutes = double.Parse(opts.GetValueOrDefault("minutes", "10"));
var seed = int.Parse(opts.GetValueOrDefault("seed", "1"));
var outFile = opts.GetValueOrDefault("out");
var coldRestart = opts.GetValueOrDefault("cold-restart", "1") != "0";
const int SearchDeadlineMs = 5000;
// --silos 4 (default): 0 and 1 shared pool, 2 = NL, 3 = DE. --silos 2: 0 and 1 shared pool, every force on it (for a
// machine that must not run more than two silos; pinned forces are then not exercised).
var siloCount = int.Parse(opts.GetValueOrDefault("silos", "4"));
if (siloCount is not (2 or 4)) { Console.Error.WriteLine("--silos must be 2 or 4"); return 2; }
var chaosSilos = Enumerable.Range(1, siloCount - 1).ToArray();
var topology = siloCount == 4 ? "2 shared pool, NL, DE" : "2 shared pool; NL, DE and FR on it";
if (LocalCluster.MissingPrerequisite() is { } missing) { Console.Error.WriteLine(missing); return 2; }

const string Model = GalleryConfig.UnspecifiedModel;
var forces = new[] { "NL", "DE", "FR" };
var purpose = new SearchPurpose("organised-armed-robbery", "SOAK", SubjectCategory.Suspect, "Soak test searches on synthetic data");
var ledger = new SoakLedger();
var clock = Stopwatch.StartNew();
void Log(string line)
{
    var stamped = $"[{clock.Elapsed:mm\\:ss}] {line}";
    Console.WriteLine(stamped);
    ledger.Events.Add(stamped);
}

await using var cluster = new LocalCluster();
await cluster.StartAzuriteAsync();
// One at a time: on a loaded machine silos started together can each miss the harness's 60 s to open their port.
await cluster.StartSiloAsync(0);
await cluster.StartSiloAsync(1);
if (siloCount == 4)
{
    await cluster.StartSiloAsync(2, "NL");
    await cluster.StartSiloAsync(3, "DE");
}
for (var i = 0; i < 600 && !File.Exists(cluster.OperatorKeyFile); i++) await Task.Delay(100);
await using var op = await Connect(ApiKeys.FromFile(cluster.OperatorKeyFile));
await WaitActive(op, siloCount);
var clients = new Dictionary<string, GridClient>();
foreach (var force in forces)
{
    var admin = await op.CreateForceAsync(force, force, "admin");
    await using var asAdmin = await Connect(admin.Key);
    clients[force] = await Connect((await asAdmin.AddUserAsync(force, "soak", Role.Searcher | Role.Enroller | Role.AgreementAdmin | Role.ForceAdmin | Role.Auditor)).Key);
    await clients[force].CreateGalleryAsync(Gallery(force), new GalleryConfig("exact", 4, Model, SubjectCategory.Suspect));
}
var key = new AgreementKey("FR", "NL");
var proposed = await clients["FR"].Agreement(key).ProposeAsync(new AgreementTerms([Gallery("FR")], [purpose.Offence], 10, -1f, 10_000_000,
    DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1)));
await clients["NL"].Agreement(key).AcceptAsync(proposed.Version);
Log($"grid up: {siloCount} silos ({topology}), forces {string.Join(", ", forces)}; soaking for {minutes} min");

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
var workers = new List<Task>();
foreach (var force in forces)
{
    workers.Add(EnrolLoop(force, stop.Token));
    workers.Add(RemoveLoop(force, stop.Token));
    workers.Add(SearchLoop(force, stop.Token));
}
workers.Add(ChaosLoop(stop.Token));
await Task.WhenAll(workers);
Log($"load stopped: {ledger.Enrolled.Count} acknowledged enrolments, {ledger.Removed.Count} acknowledged removals, " +
    $"{ledger.Searches} searches ({ledger.Partial} with partial coverage, {ledger.SearchErrors.Count} errored, {ledger.WrongAnswers.Count} wrong), {ledger.WriteErrors.Count} failed writes");

// Check: every silo back (started again until it stays up), then every promise kept.
var failures = new List<string>();
var verdict = "FAIL";
try
{
    for (var wait = Stopwatch.StartNew(); ; await Task.Delay(2000))
    {
        foreach (var i in chaosSilos)
            if (!cluster.Silos[i].IsRunning) await StartAsync(i);
        if ((await op.GetStatusAsync()).Silos.Count(s => s.Status == "Active") == siloCount) break;
        if (wait.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"the {siloCount} silos were not all active 10 min after the load stopped");
    }
    await Task.Delay(5000); // grain manifests and silo labels follow membership by a moment
    if (coldRestart) await ColdRestartAsync();
    failures = await new SoakChecker(clients, Gallery, purpose, Log).CheckAsync(ledger);
    verdict = failures.Count == 0 && ledger.SearchErrors.IsEmpty && ledger.WrongAnswers.IsEmpty ? "PASS" : "FAIL";
}
catch (Exception e)
{
    verdict = "INCOMPLETE";
    Log($"the checker could not run to the end: {e.GetType().Name}: {e.Message}");
}
Log($"{verdict}: {failures.Count} broken promises, {ledger.SearchErrors.Count} errored searches, {ledger.WrongAnswers.Count} wrong answers under load");
Log($"search latency: slowest {ledger.SlowestMs} ms; {ledger.Late} of {ledger.Searches} answered more than 2 s after their {SearchDeadlineMs} ms deadline");
foreach (var f in failures.Take(20)) Log("  broken: " + f);
foreach (var e in ledger.SearchErrors.Take(10)) Log("  search error: " + e);
foreach (var e in ledger.WrongAnswers.Take(10)) Log("  wrong answer: " + e);
foreach (var e in ledger.WriteErrors.GroupBy(e => e[(e.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(':')[0]).Take(5))
    Log($"  failed writes (unacknowledged, allowed): {e.Count()} x {e.Key}: e.g. {e.First()}");

if (outFile is not null)
{
    var md = new StringBuilder();
    md.AppendLine($"### Soak run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {verdict}").AppendLine();
    md.AppendLine($"{minutes} min, seed {seed}, {siloCount} silos ({topology}), 3 forces, load average at the end {LoadAverage()} on {Environment.ProcessorCount} cores.").AppendLine();
    md.AppendLine("```");
    foreach (var line in ledger.Events.OrderBy(l => l, StringComparer.Ordinal)) md.AppendLine(line);
    md.AppendLine("```").AppendLine();
    File.AppendAllText(outFile, md.ToString());
}
foreach (var c in clients.Values) await c.DisposeAsync();
return verdict == "PASS" ? 0 : 1;

GalleryId Gallery(string force) => GalleryId.Parse($"{force}/soak");

// Every silo killed and started again, one at a time, the API's silo last: each shard's activation afterwards has
// loaded from storage, so the check proves acknowledged writes durable, not merely held in some silo's memory.
async Task ColdRestartAsync()
{
    foreach (var i in chaosSilos.Append(0))
    {
        if (cluster.Silos[i].IsRunning) cluster.KillSilo(i);
        Log($"checker: SIGKILL silo {i} (cold restart before checking)");
        for (var attempt = 0; !cluster.Silos[i].IsRunning; attempt++)
        {
            if (attempt == 5) throw new TimeoutException($"silo {i} did not start again after 5 attempts");
            await StartAsync(i);
        }
        await WaitActive(op, siloCount);
    }
}

Task<GridClient> Connect(string apiKey) => GridClient.ConnectAsync(new GridClientOptions
{
    Endpoint = cluster.ApiEndpoint(0),
    CaCertificateFile = cluster.Certificates.AuthorityFile,
    ConnectTimeout = TimeSpan.FromSeconds(60),
    ApiKey = apiKey,
});

// Batches of 10 new subjects every second or so; a batch that fails is not retried (its subjects were never promised).
async Task EnrolLoop(string force, CancellationToken token)
{
    var random = new Random(seed * 31 + force.GetHashCode(StringComparison.Ordinal));
    for (var batch = 0; !token.IsCancellationRequested; batch++)
    {
        var (subjects, templates) = Synthetic.Gallery($"{force}-{batch:D5}-", 10, random.Next());
        try
        {
            await clients[force].EnrolAsync(Gallery(force), new Grid.Protocol.Galleries.EnrolBatch(subjects, templates.Vectors, Model), CancellationToken.None);
            for (var i = 0; i < subjects.Length; i++) ledger.Enrolled[subjects[i]] = (Gallery(force), templates.Slice(i, 1));
        }
        catch (Exception e)
        {
            ledger.WriteErrors.Add($"enrol {force} batch {batch}: {e.GetType().Name}: {e.Message}");
        }
        await Pause(random, 1000, token);
    }
}

async Task RemoveLoop(string force, CancellationToken token)
{
    var random = new Random(seed * 37 + force.GetHashCode(StringComparison.Ordinal));
    while (!token.IsCancellationRequested)
    {
        await Pause(random, 3000, token);
        var candidates = ledger.Enrolled.Where(e => e.Value.Gallery == Gallery(force) && !ledger.Removed.ContainsKey(e.Key)).Select(e => e.Key).ToArray();
        if (candidates.Length == 0) continue;
        var subject = candidates[random.Next(candidates.Length)];
        ledger.RemovalsSent[subject] = 0; // before sending: from now on a search may or may not find it
        try
        {
            await clients[force].RemoveAsync(Gallery(force), subject, CancellationToken.None);
            ledger.Removed[subject] = Gallery(force);
        }
        catch (Exception e)
        {
            ledger.RemovalsFailed[subject] = 0;
            ledger.WriteErrors.Add($"remove {force} {subject}: {e.GetType().Name}: {e.Message}");
        }
    }
}

async Task SearchLoop(string force, CancellationToken token)
{
    var random = new Random(seed * 41 + force.GetHashCode(StringComparison.Ordinal));
    GalleryId[] scope = force == "NL" ? [Gallery("NL"), Gallery("FR")] : [Gallery(force)];
    while (!token.IsCancellationRequested)
    {
        var known = ledger.Enrolled.Where(e => scope.Contains(e.Value.Gallery)).Take(500).ToArray();
        var subject = known.Length > 0 ? known[random.Next(known.Length)].Key : null;
        var probe = subject is not null ? ledger.Enrolled[subject].Template : Synthetic.Gallery("x", 1, random.Next()).Templates.Vectors;
        var removedBefore = subject is not null && ledger.Removed.ContainsKey(subject);
        var took = Stopwatch.StartNew();
        try
        {
            var response = (await clients[force].SearchAsync(new SearchRequest(scope, probe, purpose, Model, 5, -1, SearchDeadlineMs), CancellationToken.None)).Response;
            ledger.CountSearch(force, response.Coverage.Complete, took.Elapsed, TimeSpan.FromMilliseconds(SearchDeadlineMs));
            // Read-your-writes while silos die: a complete answer must agree with what was acknowledged before it began.
            if (subject is not null && response.Coverage.Complete)
            {
                var found = response.Candidates.Select(c => c.SubjectRef).ToArray();
                if (removedBefore && found.Contains(subject))
                    ledger.WrongAnswers.Add($"[{clock.Elapsed:mm\\:ss}] {force}: {subject} found after its removal was acknowledged");
                else if (!removedBefore && !ledger.RemovalsSent.ContainsKey(subject) && found.FirstOrDefault() != subject)
                    ledger.WrongAnswers.Add($"[{clock.Elapsed:mm\\:ss}] {force}: acknowledged {subject} not first for its own template (top: {found.FirstOrDefault()})");
            }
        }
        catch (Exception e)
        {
            ledger.SearchErrors.Add($"[{clock.Elapsed:mm\\:ss}] {force}: {e.GetType().Name}: {e.Message}");
        }
        await Pause(random, 300, token);
    }
}

// Every 15-45 s one of silos 1-3 (1 with --silos 2) is killed (SIGKILL) and started again 5-15 s later, or (one time in four) frozen
// with SIGSTOP for 10-30 s and resumed; a silo that the cluster declared dead while frozen exits and is started again.
async Task ChaosLoop(CancellationToken token)
{
    var random = new Random(seed * 43);
    while (!token.IsCancellationRequested)
    {
        await Pause(random, 30_000, token);
        if (token.IsCancellationRequested) break;
        var silo = chaosSilos[random.Next(chaosSilos.Length)];
        if (random.Next(4) == 0)
        {
            var frozen = TimeSpan.FromSeconds(10 + random.Next(21));
            Log($"SIGSTOP silo {silo} for {frozen.TotalSeconds:0} s");
            cluster.FreezeSilo(silo);
            await Task.Delay(frozen, CancellationToken.None);
            cluster.ThawSilo(silo);
            Log($"SIGCONT silo {silo}");
            await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
            if (!cluster.Silos[silo].IsRunning)
            {
                Log($"silo {silo} exited after its thaw (declared dead while frozen); starting it again");
                await StartAsync(silo);
            }
        }
        else
        {
            Log($"SIGKILL silo {silo}");
            cluster.KillSilo(silo);
            await Task.Delay(TimeSpan.FromSeconds(5 + random.Next(11)), CancellationToken.None);
            await StartAsync(silo);
        }
    }
}

// A silo slow to open its API under load is still starting, not failed: the run goes on.
async Task StartAsync(int silo)
{
    try
    {
        await cluster.StartSiloAsync(silo);
        Log($"silo {silo} started again");
    }
    catch (TimeoutException e)
    {
        Log($"silo {silo} slow to start: {e.Message}");
    }
}

static async Task Pause(Random random, int meanMs, CancellationToken token)
{
    try
    {
        await Task.Delay(meanMs / 2 + random.Next(meanMs), token);
    }
    catch (OperationCanceledException)
    {
    }
}

static async Task WaitActive(GridClient client, int count)
{
    for (var i = 0; i < 900; i++)
    {
        try
        {
            if ((await client.GetStatusAsync()).Silos.Count(s => s.Status == "Active") == count) { await Task.Delay(5000); return; }
        }
        catch (GridException)
        {
        }
        await Task.Delay(200);
    }
    throw new TimeoutException($"{count} silos never became active");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
