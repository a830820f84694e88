using System.Diagnostics;
using Grid.Client;
using Grid.Client.Files;
using Grid.Protocol.Audit;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;
using Xunit;
using Xunit.Abstractions;

namespace Grid.Cluster.Tests;

/// <summary>
/// Storage misbehaving under a running grid (docs/RELIABILITY.md): slow (a delaying proxy in front of Azurite's blob
/// port), stalled (the proxy holds every byte), frozen (Azurite SIGSTOPped) and stopped (Azurite SIGTERMed and started
/// again). Each test states what the user sees and proves nothing acknowledged is lost and no candidates left unaudited.
/// <para>The one bound on time asserted here is the grid's promise itself: a search ends within its deadline plus the
/// audit margin (1 s) plus <see cref="Slack"/> for the client's own round trip on a busy machine. Before this bound a
/// search waited behind storage retries (about 13 s and more, up to the 2-minute storage timeout), so the slack is
/// wide and still tells the two apart.</para>
/// </summary>
[Collection(StorageFaultCollection.Name)]
public sealed class StorageFaultTests(StorageFaultFixture grid, ITestOutputHelper output)
{
    private const string Model = GalleryConfig.UnspecifiedModel;
    private const int DeadlineMs = 2000;
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1); // Grid:Search:Deadline:AuditMargin's default
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(DeadlineMs) + Margin + Slack;

    /// <summary>
    /// What the user sees with 200 ms added to every blob request: enrolment batches are acknowledged more slowly, and
    /// every one is kept; searches still answer inside their deadline (their audit append and review case each cost a
    /// request or two); a removal is acknowledged and really removes. Every search that answered is in the audit log.
    /// </summary>
    [SkippableFact]
    public async Task Slow_storage_slows_enrolment_loses_nothing_and_searches_keep_their_deadline()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var client = grid.Client;
        var id = GalleryId.Parse("FR/slow");
        const int rows = 1_500, batch = 100, fast = 500;
        await client.CreateGalleryAsync(id, new GalleryConfig("exact", 2, Model, SubjectCategory.Suspect));
        var (subjects, templates) = Synthetic.Gallery("sl-", rows, seed: 11);
        var purpose = Purpose("SLOW-STORAGE");

        var before = await EnrolAsync(client, id, subjects, templates, 0, fast, batch);
        var requestsBefore = grid.Proxy.Requests;
        grid.Proxy.Delay = TimeSpan.FromMilliseconds(200);
        SearchOutcome[] searches;
        double[] slowed;
        try
        {
            // One search alone, to say how many storage round trips a search pays (its audit entry, its review case).
            var alone = grid.Proxy.Requests;
            var single = await client.SearchAsync(new SearchRequest([id], templates.Slice(1, 1), purpose, Model, 3, -1, DeadlineMs));
            output.WriteLine($"one search alone: {single.LatencyMs:0} ms, {grid.Proxy.Requests - alone} blob requests");
            var loops = new SearchLoops(client, id, templates, fast, purpose, DeadlineMs);
            slowed = await EnrolAsync(client, id, subjects, templates, fast, rows, batch);
            Assert.Equal(1, await client.RemoveAsync(id, subjects[3]));
            Assert.Equal(1, await client.RemoveAsync(id, subjects[1_200]));
            searches = await loops.StopAsync();
        }
        finally
        {
            grid.Proxy.Delay = TimeSpan.Zero;
        }
        output.WriteLine($"enrolment batch of {batch}: p50 {Median(before):0} ms at full speed, {Median(slowed):0} ms with 200 ms per blob request " +
                         $"({grid.Proxy.Requests - requestsBefore} blob requests through the proxy)");
        Report(searches);

        Assert.NotEmpty(searches);
        Assert.All(searches, s => Assert.True(s.Error is null || s.IsAuditUnavailable, $"a search failed otherwise: {s}"));
        Assert.All(searches, s => Assert.True(s.Took <= Bound, $"a search outlived its deadline: {s}"));
        Assert.Contains(searches, s => s.Response is not null); // slow storage is not an outage
        Assert.All(searches.Where(s => s.Response is { Coverage.Complete: true } && s.Row != 3),
            s => Assert.Equal(subjects[s.Row], s.Response!.Candidates[0].SubjectRef));

        // Every acknowledged row is there but the two removed, and a removed subject is not found by its own template.
        Assert.Equal(rows - 2, (await client.GetGalleryStatusAsync(id)).Templates);
        foreach (var row in new[] { 3, 1_200 })
            Assert.DoesNotContain(await SearchAsync(client, id, templates, row, purpose), c => c.SubjectRef == subjects[row]);
        foreach (var row in new[] { 0, fast - 1, fast, rows - 1 })
            Assert.Equal(subjects[row], (await SearchAsync(client, id, templates, row, purpose))[0].SubjectRef);
        await AssertAuditedAsync(client, purpose, searches.Count(s => s.Response is not null) + 7); // + the 7 single searches
    }

    /// <summary>
    /// What the user sees when blob storage stops answering (connections accepted, nothing answered) while the shards
    /// are active: every search still ends within its deadline plus the audit margin, with a 503 <c>audit-unavailable</c>
    /// and a Retry-After, never with candidates, since it could not be logged. Once storage answers again searches
    /// answer again (the time is written out), and every search that answered is in the audit log, which verifies.
    /// </summary>
    [SkippableFact]
    public async Task Stalled_storage_makes_searches_answer_audit_unavailable_within_the_deadline_never_unaudited_candidates()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var client = grid.Client;
        var id = GalleryId.Parse("FR/stall");
        const int rows = 500;
        await client.CreateGalleryAsync(id, new GalleryConfig("exact", 2, Model, SubjectCategory.Suspect));
        var (subjects, templates) = Synthetic.Gallery("st-", rows, seed: 12);
        await client.EnrolBulkAsync(id, subjects, templates, Model);
        var purpose = Purpose("STALLED-STORAGE");
        Assert.Equal(subjects[7], (await SearchAsync(client, id, templates, 7, purpose))[0].SubjectRef); // shards active

        var loops = new SearchLoops(client, id, templates, rows, purpose, DeadlineMs);
        await Task.Delay(TimeSpan.FromSeconds(1));
        grid.Proxy.Stall();
        var stalled = loops.Clock.Elapsed;
        TimeSpan resumed;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
        }
        finally
        {
            grid.Proxy.Resume();
            resumed = loops.Clock.Elapsed;
        }
        var back = await loops.WaitForFullAnswerAsync(resumed, TimeSpan.FromSeconds(60));
        var searches = await loops.StopAsync();
        Report(searches);
        output.WriteLine($"storage stalled {stalled.TotalSeconds:0.0}-{resumed.TotalSeconds:0.0} s; searches answered again " +
                         (back is { } b ? $"{(b - resumed).TotalSeconds:0.0} s after it resumed" : "not within 60 s"));

        Assert.All(searches, s => Assert.True(s.Took <= Bound, $"a search outlived its deadline: {s}"));
        Assert.All(searches, s => Assert.True(s.Error is null || s.IsAuditUnavailable, $"a search failed otherwise: {s}"));
        // A search that started once storage had stopped and ended before it resumed had nowhere to log: refused.
        var during = searches.Where(s => s.Started >= stalled && s.Started + s.Took < resumed).ToArray();
        Assert.NotEmpty(during);
        Assert.All(during, s => Assert.True(s.IsAuditUnavailable, $"answered while its audit could not be written: {s}"));
        Assert.NotNull(back);
        Assert.All(searches.Where(s => s.Response is { Coverage.Complete: true }),
            s => Assert.Equal(subjects[s.Row], s.Response!.Candidates[0].SubjectRef));
        await AssertAuditedAsync(client, purpose, searches.Count(s => s.Response is not null) + 1);
    }

    /// <summary>
    /// What the user sees when Azurite itself is frozen (SIGSTOP: blobs and tables hang) for 10 s, and later stopped
    /// (SIGTERM: connections refused) for 10 s, while searches and enrolments run: searches end within their deadline
    /// plus the margin, answering with candidates only when audited and otherwise <c>audit-unavailable</c> (503,
    /// Retry-After); an enrolment is acknowledged late or fails with a clear error (never acknowledged and lost). After
    /// each outage full service returns by itself (the time is written out); every acknowledged row is then found first
    /// for its own template, and the audit log verifies and holds every search that answered.
    /// </summary>
    [SkippableFact]
    public async Task Azurite_frozen_then_stopped_costs_answers_within_the_deadline_and_loses_nothing_acknowledged()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var client = grid.Client;
        var id = GalleryId.Parse("FR/outage");
        const int rows = 6_000, initial = 1_000, batch = 50;
        await client.CreateGalleryAsync(id, new GalleryConfig("exact", 2, Model, SubjectCategory.Suspect));
        var (subjects, templates) = Synthetic.Gallery("ou-", rows, seed: 13);
        await client.EnrolBulkAsync(id, subjects[..initial], new TemplateSet(templates.Slice(0, initial), initial), Model);
        var purpose = Purpose("AZURITE-OUTAGE");
        Assert.Equal(subjects[7], (await SearchAsync(client, id, templates, 7, purpose))[0].SubjectRef);

        // Enrolment keeps going in batches; a batch counts only once the grid acknowledged it.
        var acknowledged = new List<int>(); // first row of each acknowledged batch
        var enrolErrors = new List<Exception>();
        using var stopEnrolling = new CancellationTokenSource();
        var enrolling = Task.Run(async () =>
        {
            for (var from = initial; from < rows && !stopEnrolling.IsCancellationRequested; from += batch)
            {
                try
                {
                    var result = await client.EnrolAsync(id, new EnrolBatch(subjects[from..(from + batch)], templates.Slice(from, batch), Model));
                    Assert.Equal(batch, result.Added + result.AlreadyPresent);
                    lock (acknowledged) acknowledged.Add(from);
                }
                catch (GridException e)
                {
                    lock (enrolErrors) enrolErrors.Add(e);
                    await Task.Delay(250);
                }
            }
        });
        var loops = new SearchLoops(client, id, templates, initial, purpose, DeadlineMs);
        await Task.Delay(TimeSpan.FromSeconds(2));

        grid.Cluster.FreezeAzurite();
        var frozen = loops.Clock.Elapsed;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        finally
        {
            grid.Cluster.ThawAzurite();
        }
        var thawed = loops.Clock.Elapsed;
        var backAfterThaw = await loops.WaitForFullAnswerAsync(thawed, TimeSpan.FromSeconds(60));

        grid.Cluster.StopAzurite();
        var stopped = loops.Clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(10));
        await grid.Cluster.StartAzuriteAsync();
        var started = loops.Clock.Elapsed;
        var backAfterStart = await loops.WaitForFullAnswerAsync(started, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stopEnrolling.CancelAsync();
        await enrolling;
        var searches = await loops.StopAsync();

        Report(searches);
        output.WriteLine($"frozen {frozen.TotalSeconds:0.0}-{thawed.TotalSeconds:0.0} s, searches answered again " +
                         (backAfterThaw is { } t ? $"{(t - thawed).TotalSeconds:0.0} s after the thaw" : "not within 60 s"));
        output.WriteLine($"stopped {stopped.TotalSeconds:0.0}-{started.TotalSeconds:0.0} s, searches answered again " +
                         (backAfterStart is { } s2 ? $"{(s2 - started).TotalSeconds:0.0} s after Azurite was up" : "not within 90 s"));
        output.WriteLine($"enrolment: {acknowledged.Count} batches of {batch} acknowledged, {enrolErrors.Count} refused: " +
                         string.Join(" | ", enrolErrors.Select(e => $"{((GridException)e).Code}: {e.Message}").Distinct().Take(4)));

        Assert.All(searches, s => Assert.True(s.Took <= Bound, $"a search outlived its deadline: {s}"));
        Assert.All(searches, s => Assert.True(s.Error is null || s.IsAuditUnavailable, $"a search failed otherwise: {s}"));
        Assert.Contains(searches, s => s.IsAuditUnavailable && s.Started >= frozen && s.Started < thawed);
        Assert.NotNull(backAfterThaw);
        Assert.NotNull(backAfterStart);
        Assert.All(searches.Where(s => s.Response is { Coverage.Complete: true }),
            s => Assert.Equal(subjects[s.Row], s.Response!.Candidates[0].SubjectRef));
        Assert.All(enrolErrors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));

        // Nothing acknowledged is lost: every acknowledged batch is there and found first (one row of each checked).
        await WaitForCompleteAsync(client, id, templates, purpose);
        var total = (await client.GetGalleryStatusAsync(id)).Templates;
        Assert.InRange(total, initial + acknowledged.Count * batch, rows);
        foreach (var from in acknowledged.Prepend(0))
        {
            var row = from + (from / batch % batch);
            Assert.Equal(subjects[row], (await SearchAsync(client, id, templates, row, purpose))[0].SubjectRef);
        }
        await AssertAuditedAsync(client, purpose, searches.Count(s => s.Response is not null) + 1 + acknowledged.Count + 1);
    }

    private static SearchPurpose Purpose(string caseReference) =>
        new("organised-armed-robbery", caseReference, SubjectCategory.Suspect, "Searching while storage misbehaves in the cluster tests");

    private static async Task<double[]> EnrolAsync(GridClient client, GalleryId id, string[] subjects, TemplateSet templates, int from, int to, int batch)
    {
        var latencies = new List<double>();
        for (var row = from; row < to; row += batch)
        {
            var clock = Stopwatch.StartNew();
            var result = await client.EnrolAsync(id, new EnrolBatch(subjects[row..(row + batch)], templates.Slice(row, batch), Model));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(batch, result.Added + result.AlreadyPresent);
        }
        return [.. latencies];
    }

    private static async Task<Candidate[]> SearchAsync(GridClient client, GalleryId id, TemplateSet templates, int row, SearchPurpose purpose)
    {
        var response = (await client.SearchAsync(new SearchRequest([id], templates.Slice(row, 1), purpose, Model, 3, -1, 5000))).Response;
        Assert.True(response.Coverage.Complete, "a check after the fault did not reach every shard");
        return response.Candidates;
    }

    private static async Task WaitForCompleteAsync(GridClient client, GalleryId id, TemplateSet templates, SearchPurpose purpose)
    {
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(500))
        {
            try
            {
                var response = (await client.SearchAsync(new SearchRequest([id], templates.Slice(0, 1), purpose, Model, 1, -1, 5000))).Response;
                if (response.Coverage.Complete) return;
            }
            catch (GridException) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{id} not fully searchable a minute after the fault");
        }
    }

    /// <summary>No candidates left unlogged: the requester's log holds at least one search entry for the case per answer
    /// the test saw (<paramref name="answered"/>; a refused search may be logged too, when its abandoned append landed
    /// late), and the chain verifies.</summary>
    private async Task AssertAuditedAsync(GridClient client, SearchPurpose purpose, int answered)
    {
        var export = await client.Audit("FR").ExportAsync();
        var logged = export.Entries.Count(e => e.Kind == AuditKind.OutgoingSearch && e.CaseReference == purpose.CaseReference);
        output.WriteLine($"audit: {logged} search entries for {purpose.CaseReference}, {answered} searches answered");
        Assert.True(logged >= answered, $"{answered} searches answered but only {logged} were audited");
        var verification = await client.Audit("FR").VerifyAsync();
        Assert.True(verification.Intact, $"the audit chain does not verify: {verification.Problem}");
    }

    private void Report(SearchOutcome[] searches)
    {
        var took = searches.Select(s => s.Took.TotalMilliseconds).Order().ToArray();
        output.WriteLine($"{searches.Length} searches (deadline {DeadlineMs} ms): {searches.Count(s => s.Response is not null)} answered " +
                         $"({searches.Count(s => s.Response is { Coverage.Complete: false })} partial), {searches.Count(s => s.IsAuditUnavailable)} audit-unavailable, " +
                         $"{searches.Count(s => s.Error is not null && !s.IsAuditUnavailable)} other errors; p50 {Median(took):0} ms, max {(took.Length > 0 ? took[^1] : 0):0} ms");
        foreach (var other in searches.Where(s => s.Error is not null && !s.IsAuditUnavailable).Take(3)) output.WriteLine("  " + other);
        foreach (var slow in searches.OrderByDescending(s => s.Took).Take(2)) output.WriteLine("  slowest: " + slow);
    }

    private static double Median(IReadOnlyList<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
}
