using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Client;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;
using Xunit;
using Xunit.Abstractions;

namespace Grid.Cluster.Tests;

/// <summary>
/// Silos dying and agreements changing while searches are in flight through the HTTPS API (docs/RELIABILITY.md).
/// Searches run in a few concurrent loops; each records when it started, how it ended and what it returned, and the
/// assertions read that record afterwards (no timing assertions: durations are only written to the output).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ClusterFixture grid, ITestOutputHelper output)
{
    private const string Model = GalleryConfig.UnspecifiedModel;
    private const int ExtraShared = 4; // a second shared-pool silo: the API (silo 0) must survive the kill
    private const int Loops = 3;

    private static readonly SearchPurpose Purpose = new("organised-armed-robbery", "FAILOVER-TEST", SubjectCategory.Suspect,
        "Searching while silos fail in the cluster tests");

    /// <summary>
    /// What the user sees: a shared-pool silo or a force's only silo is SIGKILLed while searches run. Every search
    /// answers; while the dead silo's shards are away the coverage names them (Failed or TimedOut) and the candidates
    /// come from the rest. Shards of the shared pool come back on the survivor by themselves; the force's shards come
    /// back when its silo is started again (they are pinned: no fallback). No search errors at any point.
    /// </summary>
    [SkippableFact]
    public async Task Killing_a_silo_while_searches_run_fails_no_search_and_full_coverage_returns()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var fr = GalleryId.Parse("FR/failover");
        var de = GalleryId.Parse("DE/failover");
        var france = grid.ClientFor("FR");
        var germany = grid.ClientFor("DE");
        try
        {
            await grid.Cluster.StartSiloAsync(ExtraShared);
            await grid.WaitForActiveSilosAsync(4, TimeSpan.FromSeconds(60));
            await france.CreateGalleryAsync(fr, new GalleryConfig("exact", 8, Model, SubjectCategory.Suspect));
            await germany.CreateGalleryAsync(de, new GalleryConfig("exact", 4, Model, SubjectCategory.Suspect));
            var (subjects, templates) = Synthetic.Gallery("fo-", 2_000, seed: 5);
            await france.EnrolBulkAsync(fr, subjects, templates, Model);
            await germany.EnrolBulkAsync(de, subjects, templates, Model);
            var extra = grid.Cluster.Silos[ExtraShared];
            var onExtra = (await ShardsAsync(france, fr)).Count(s => extra.Owns(s.Silo));
            output.WriteLine($"{onExtra} of 8 FR shards on the extra shared silo");

            // The shared pool: kill the silo holding some of FR's shards (and whatever else placement put there).
            var sharedRecovery = await SearchThroughAsync(france, fr, subjects, templates,
                () => { grid.Cluster.KillSilo(ExtraShared); return Task.CompletedTask; }, restart: null);
            output.WriteLine($"shared pool: full coverage {sharedRecovery.TotalSeconds:0.0} s after the kill");

            // A force's only silo: its shards are unavailable until it is back, then answer with every row.
            var pinnedRecovery = await SearchThroughAsync(germany, de, subjects, templates,
                () => { grid.Cluster.KillSilo(ClusterFixture.De); return Task.CompletedTask; },
                restart: () => grid.Cluster.StartSiloAsync(ClusterFixture.De));
            output.WriteLine($"force-pinned: full coverage {pinnedRecovery.TotalSeconds:0.0} s after the kill (silo restarted 3 s after it)");
        }
        finally
        {
            if (!grid.Cluster.Silos[ClusterFixture.De].IsRunning) await grid.Cluster.StartSiloAsync(ClusterFixture.De);
            grid.Cluster.StopSilo(ExtraShared);
            await grid.WaitForActiveSilosAsync(3, TimeSpan.FromSeconds(90));
        }
    }

    /// <summary>
    /// Runs <see cref="Loops"/> search loops, applies <paramref name="fault"/> once they are going, optionally
    /// <paramref name="restart"/>s 3 s later, and stops once a search after the fault sees full coverage again. Returns
    /// the time from the fault to that search. Asserts no search errored and every incomplete coverage names shards.
    /// </summary>
    private async Task<TimeSpan> SearchThroughAsync(GridClient client, GalleryId id, string[] subjects, Client.Files.TemplateSet templates,
        Func<Task> fault, Func<Task>? restart)
    {
        var results = new ConcurrentBag<(TimeSpan Started, TimeSpan Took, SearchResponse? Response, Exception? Error, int Row)>();
        var clock = Stopwatch.StartNew();
        var faultAt = TimeSpan.MaxValue;
        var recoveredAt = TimeSpan.MaxValue;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var loops = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var row = (loop * 997 + i * 31) % subjects.Length;
                var started = clock.Elapsed;
                try
                {
                    var response = (await client.SearchAsync(new SearchRequest([id], templates.Slice(row, 1), Purpose, Model, 3, -1, 5000))).Response;
                    results.Add((started, clock.Elapsed - started, response, null, row));
                    if (response.Coverage.Complete && started > faultAt)
                    {
                        lock (results) if (started < recoveredAt) recoveredAt = clock.Elapsed;
                        stop.Cancel();
                    }
                }
                catch (Exception e)
                {
                    results.Add((started, clock.Elapsed - started, null, e, row));
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await fault();
        faultAt = clock.Elapsed;
        if (restart is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await restart();
        }
        await Task.WhenAll(loops);

        var all = results.OrderBy(r => r.Started).ToArray();
        var partial = all.Where(r => r.Response is { Coverage.Complete: false }).ToArray();
        output.WriteLine($"{all.Length} searches, {partial.Length} partial, slowest {all.Max(r => r.Took).TotalMilliseconds:0} ms");
        foreach (var r in partial.Take(3))
            output.WriteLine("  partial: " + string.Join("; ", r.Response!.Coverage.Shards.Where(s => s.Outcome != ShardOutcome.Answered)
                .Select(s => $"{s.Shard} {s.Outcome}: {s.Error}")));
        // A search whose audit log was on the killed silo cannot be logged until that log re-activates: it answers
        // audit-unavailable (503, Retry-After) within its deadline plus the audit margin instead of waiting (or
        // answering unlogged). Any other error, or a search outliving that bound (plus slack for the client's round trip
        // on a busy machine), fails the test.
        output.WriteLine($"{all.Count(r => r.Error is GridException { Code: ProblemCodes.AuditUnavailable })} answered audit-unavailable");
        Assert.All(all, r => Assert.True(r.Error is null or GridException { Code: ProblemCodes.AuditUnavailable }, $"a search errored: {r.Error}"));
        Assert.All(all, r => Assert.True(r.Took <= TimeSpan.FromSeconds(5 + 1 + 5), $"a search took {r.Took.TotalMilliseconds:0} ms, past its 5 s deadline"));
        Assert.All(partial, r => Assert.Contains(r.Response!.Coverage.Shards, s => s.Outcome != ShardOutcome.Answered && s.Error is not null));
        // A search with full coverage finds its probe's own subject first, before, during and after the failure.
        Assert.All(all.Where(r => r.Response is { Coverage.Complete: true }), r => Assert.Equal(subjects[r.Row], r.Response!.Candidates[0].SubjectRef));
        Assert.NotEqual(TimeSpan.MaxValue, recoveredAt);
        return recoveredAt - faultAt;
    }

    /// <summary>
    /// What the user sees: the owner revokes an agreement while the partner searches its gallery in a loop. Searches
    /// in flight at the revoke may still return the owner's candidates (they were authorised before it); every search
    /// that started after the revoke call returned gets the owner's gallery refused and none of its candidates, and
    /// no search errors either way.
    /// </summary>
    [SkippableFact]
    public async Task No_search_started_after_a_revoke_returned_sees_the_owners_candidates()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var owner = grid.ClientFor("DE");
        var requester = grid.ClientFor("NL");
        var shared = GalleryId.Parse("DE/race");
        var own = GalleryId.Parse("NL/race");
        await owner.CreateGalleryAsync(shared, new GalleryConfig("exact", 2, Model, SubjectCategory.Suspect));
        await requester.CreateGalleryAsync(own, new GalleryConfig("exact", 2, Model, SubjectCategory.Suspect));
        var (subjects, templates) = Synthetic.Gallery("rc-", 1_000, seed: 6);
        await owner.EnrolBulkAsync(shared, subjects, templates, Model);
        await requester.EnrolBulkAsync(own, subjects.Select(s => "nl-" + s).ToArray(), templates, Model);
        var key = new AgreementKey("DE", "NL");
        var proposed = await owner.Agreement(key).ProposeAsync(new AgreementTerms([shared], [Purpose.Offence], 10, -1f, 1_000_000,
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1)));
        await requester.Agreement(key).AcceptAsync(proposed.Version);

        var results = new ConcurrentBag<(TimeSpan Started, SearchResponse? Response, Exception? Error)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 4).Select(loop => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = clock.Elapsed;
                try
                {
                    var request = new SearchRequest([shared, own], templates.Slice((loop * 101 + i) % 1_000, 1), Purpose, Model, 5, -1, 5000);
                    results.Add((started, (await requester.SearchAsync(request)).Response, null));
                }
                catch (Exception e)
                {
                    results.Add((started, null, e));
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(3));
        await owner.Agreement(key).RevokeAsync();
        var revoked = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var before = results.Where(r => r.Started < revoked).ToArray();
        var after = results.Where(r => r.Started >= revoked).ToArray();
        output.WriteLine($"{before.Length} searches started before the revoke returned, {after.Length} after; " +
                         $"{before.Count(r => r.Response?.Candidates.Any(c => c.Force == "DE") == true)} of the former saw DE candidates");
        Assert.All(results, r => Assert.True(r.Error is null, $"a search errored: {r.Error}"));
        Assert.Contains(before, r => r.Response!.Candidates.Any(c => c.Force == "DE")); // the agreement did work before
        Assert.NotEmpty(after);
        Assert.All(after, r =>
        {
            Assert.DoesNotContain(r.Response!.Candidates, c => c.Force == "DE");
            Assert.Contains(r.Response.Refusals, x => x.Gallery == shared);
            Assert.Contains(r.Response.Candidates, c => c.Force == "NL"); // the requester's own gallery still answers
        });
    }

    /// <summary>
    /// What the user sees: NL's only silo freezes (SIGSTOP, as in a long GC pause or a hung VM) for 30 s. Searches of
    /// NL's and FR's galleries keep answering; NL's shards are named in the coverage (TimedOut while the silo is only
    /// silent, Failed once it is declared dead and nothing else may host them). An enrolment sent to NL meanwhile
    /// fails with a clear error (never a silent loss) or is acknowledged. After SIGCONT the silo either carries on or,
    /// declared dead meanwhile, stops itself and is started again; then every acknowledged row is found.
    /// </summary>
    [SkippableFact]
    public async Task A_silo_frozen_for_30_s_costs_coverage_and_loses_nothing_acknowledged()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var client = grid.ClientFor("NL");
        var nl = GalleryId.Parse("NL/frozen");
        await client.CreateGalleryAsync(nl, new GalleryConfig("exact", 2, Model, SubjectCategory.Suspect));
        var (subjects, templates) = Synthetic.Gallery("fz-", 1_200, seed: 7);
        await client.EnrolAsync(nl, new EnrolBatch(subjects[..1_000], templates.Slice(0, 1_000), Model));
        var acknowledged = 1_000;

        grid.Cluster.FreezeSilo(ClusterFixture.Nl);
        var clock = Stopwatch.StartNew();
        var partial = 0;
        var errors = new List<Exception>();
        try
        {
            var enrol = client.EnrolAsync(nl, new EnrolBatch(subjects[1_000..], templates.Slice(1_000, 200), Model));
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                try
                {
                    var response = (await client.SearchAsync(new SearchRequest([nl], templates.Slice(7, 1), Purpose, Model, 3, -1, 3000))).Response;
                    if (!response.Coverage.Complete) partial++;
                }
                catch (Exception e)
                {
                    errors.Add(e);
                }
            }
            try
            {
                await enrol;
                acknowledged = 1_200;
                output.WriteLine("the enrolment sent during the freeze was acknowledged");
            }
            catch (GridException e)
            {
                output.WriteLine($"the enrolment sent during the freeze failed clearly: {e.Code} {e.Message}");
            }
        }
        finally
        {
            grid.Cluster.ThawSilo(ClusterFixture.Nl);
        }
        // Where the frozen silo holds NL's audit log, a search cannot be logged until the log re-activates elsewhere:
        // it answers audit-unavailable (503, Retry-After) within its deadline plus the margin, never unlogged candidates.
        var unaudited = errors.Count(e => e is GridException { Code: ProblemCodes.AuditUnavailable });
        output.WriteLine($"{partial} partial searches during the freeze, {unaudited} audit-unavailable, {errors.Count - unaudited} other errors");
        Assert.All(errors, e => Assert.True(e is GridException { Code: ProblemCodes.AuditUnavailable }, $"a search errored: {e}"));
        Assert.True(partial > 0, "no search saw the frozen silo's shards missing");

        // Declared dead while frozen, Orleans stops the silo once it runs again: wait until it has either stopped
        // (then start it again) or is still an active member.
        for (clock.Restart(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(500))
        {
            if (!grid.Cluster.Silos[ClusterFixture.Nl].IsRunning)
            {
                output.WriteLine("the thawed silo had been declared dead and stopped itself; starting it again");
                await grid.Cluster.StartSiloAsync(ClusterFixture.Nl);
                break;
            }
            var status = await grid.Client.GetStatusAsync();
            if (status.Silos.Count(s => s.Status == "Active") == 3) break;
        }
        await grid.WaitForActiveSilosAsync(3, TimeSpan.FromSeconds(120));
        clock.Restart();
        SearchResponse? last = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && last is not { Coverage.Complete: true })
            last = (await client.SearchAsync(new SearchRequest([nl], templates.Slice(7, 1), Purpose, Model, 3, -1, 3000))).Response;
        Assert.True(last!.Coverage.Complete);
        var count = (await client.GetStatusAsync()).Galleries.Single(g => g.Info.Id == nl).Templates;
        Assert.InRange(count, acknowledged, 1_200); // every acknowledged row; an unacknowledged batch may have landed
        foreach (var row in new[] { 0, 500, 999 })
            Assert.Equal(subjects[row], (await client.SearchAsync(new SearchRequest([nl], templates.Slice(row, 1), Purpose, Model, 1, -1, 5000))).Response.Candidates[0].SubjectRef);
    }

    private static async Task<ShardStatus[]> ShardsAsync(GridClient client, GalleryId id) =>
        (await client.GetStatusAsync()).Galleries.Single(g => g.Info.Id == id).Shards;
}
