using System.Collections.Concurrent;
using Grid.Client;
using Grid.Protocol.Audit;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;

namespace Grid.Soak;

/// <summary>
/// After the load: waits until every gallery answers with full coverage, then checks each promise in the ledger.
/// An acknowledged enrolment must come back first for its own template; an acknowledged removal must not come back
/// at all (a removal that failed at the client promises neither); every force's audit chain must verify, agree with
/// its partners' anchors, and hold at least one entry for each acknowledged write and answered search.
/// </summary>
public sealed class SoakChecker(
    IReadOnlyDictionary<string, GridClient> clients, Func<string, GalleryId> gallery, SearchPurpose purpose, Action<string> log)
{
    private const string Model = GalleryConfig.UnspecifiedModel;

    public async Task<List<string>> CheckAsync(SoakLedger ledger)
    {
        var failures = new ConcurrentBag<string>();
        foreach (var (force, client) in clients)
            await FullCoverageAsync(client, gallery(force));
        log("checker: every gallery answers with full coverage");

        using var gate = new SemaphoreSlim(4);
        var undecided = 0;
        var checks = ledger.Enrolled.Select(async entry =>
        {
            var (subject, (id, template)) = (entry.Key, entry.Value);
            var removed = ledger.Removed.ContainsKey(subject);
            if (!removed && ledger.RemovalsSent.ContainsKey(subject))
            {
                Interlocked.Increment(ref undecided); // its removal failed at the client: present or gone, both allowed
                return;
            }
            await gate.WaitAsync();
            try
            {
                var response = (await clients[id.Force].SearchAsync(new SearchRequest([id], template, purpose, Model, 1, -1, 30_000))).Response;
                var top = response.Candidates.FirstOrDefault()?.SubjectRef;
                if (!response.Coverage.Complete) failures.Add($"{subject}: checked without full coverage");
                else if (removed && top == subject) failures.Add($"{subject}: removal acknowledged, still found");
                else if (!removed && top != subject) failures.Add($"{subject}: enrolment acknowledged, not found (top: {top})");
            }
            catch (Exception e)
            {
                failures.Add($"{subject}: the check's search failed: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(checks);
        log($"checker: {ledger.Enrolled.Count - ledger.Removed.Count - undecided} acknowledged enrolments searched for, " +
            $"{ledger.Removed.Count} acknowledged removals checked gone, {undecided} with a failed removal (either way allowed) skipped");

        foreach (var (force, client) in clients)
        {
            var audit = await client.Audit(force).VerifyWithPartnersAsync();
            log($"checker: audit of {force}: {(audit.Local.Intact ? "intact" : "BROKEN")}, {audit.Local.Entries} entries; " +
                $"{audit.AnchorsChecked} partner anchors checked, {audit.Findings.Length} disagree");
            if (!audit.Local.Intact) failures.Add($"audit of {force} broken at {audit.Local.FirstBadSeq}: {audit.Local.Problem}");
            foreach (var f in audit.Findings) failures.Add($"audit of {force}: anchor of {f.Log} entry {f.Seq} by {f.AnchoredBy}: {f.Problem}");
        }
        await AuditCompletenessAsync(ledger, failures);
        return [.. failures];
    }

    /// <summary>Every access is logged: at least one entry per acknowledged enrolled template, per acknowledged removal,
    /// and per answered search, at the requester and (for NL's searches of FR) at the owner. More is allowed (the
    /// checker's own searches, writes that were logged and then failed at the client, a search retried by the API).</summary>
    private async Task AuditCompletenessAsync(SoakLedger ledger, ConcurrentBag<string> failures)
    {
        var entries = new Dictionary<string, AuditEntry[]>(StringComparer.Ordinal);
        foreach (var (force, client) in clients) entries[force] = (await client.Audit(force).ExportAsync()).Entries;
        int Count(string force, Func<AuditEntry, bool> match) => entries[force].Where(e => e.CaseReference is null || e.CaseReference == purpose.CaseReference).Count(match);
        void AtLeast(string what, long logged, long promised)
        {
            log($"checker: {what}: {logged} logged for {promised} {(what.Contains("search", StringComparison.Ordinal) ? "answered" : "acknowledged")}");
            if (logged < promised) failures.Add($"audit incomplete: {what}: {logged} entries for {promised} acknowledged");
        }

        foreach (var force in clients.Keys)
        {
            var id = gallery(force);
            AtLeast($"{force} enrolled templates", entries[force].Where(e => e.Kind == AuditKind.Enrolment).Sum(e => (long)e.CandidateCount),
                ledger.Enrolled.Count(e => e.Value.Gallery == id));
            AtLeast($"{force} removals", Count(force, e => e.Kind == AuditKind.Removal), ledger.Removed.Count(r => r.Value == id && !ledger.RemovalsFailed.ContainsKey(r.Key)));
            AtLeast($"{force} searches of its own gallery", Count(force, e => e.Kind == AuditKind.OutgoingSearch && e.Partner == force),
                ledger.Answered.GetValueOrDefault(force));
        }
        if (clients.ContainsKey("NL") && clients.ContainsKey("FR"))
        {
            AtLeast("NL searches of FR at NL", Count("NL", e => e.Kind == AuditKind.OutgoingSearch && e.Partner == "FR"), ledger.Answered.GetValueOrDefault("NL"));
            AtLeast("NL searches of FR at FR", Count("FR", e => e.Kind == AuditKind.IncomingSearch && e.Partner == "NL"), ledger.Answered.GetValueOrDefault("NL"));
        }
    }

    private static async Task FullCoverageAsync(GridClient client, GalleryId id)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var probe = Grid.Cluster.Tests.Synthetic.Gallery("c", 1, attempt).Templates.Vectors;
            try
            {
                var response = (await client.SearchAsync(new SearchRequest([id], probe, new SearchPurpose("organised-armed-robbery", "SOAK",
                    SubjectCategory.Suspect, "Soak checker waiting for full coverage"), Model, 1, -1, 10_000))).Response;
                if (response.Coverage.Complete) return;
            }
            catch (GridUnavailableException)
            {
                // the API's silo was just restarted (cold restart): ask again
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{id} never answered with full coverage after the soak");
    }
}
