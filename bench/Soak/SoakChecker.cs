using System.Collections.Concurrent;
using Grid.Client;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;

namespace Grid.Soak;

/// <summary>
/// After the load: waits until every gallery answers with full coverage, then checks each promise in the ledger.
/// An acknowledged enrolment must come back first for its own template; an acknowledged removal must not come back
/// at all; every force's audit chain must verify.
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
        var checks = ledger.Enrolled.Select(async entry =>
        {
            await gate.WaitAsync();
            try
            {
                var (subject, (id, template)) = (entry.Key, entry.Value);
                var response = (await clients[id.Force].SearchAsync(new SearchRequest([id], template, purpose, Model, 1, -1, 30_000))).Response;
                var top = response.Candidates.FirstOrDefault()?.SubjectRef;
                if (!response.Coverage.Complete) failures.Add($"{subject}: checked without full coverage");
                else if (ledger.Removed.ContainsKey(subject) && top == subject) failures.Add($"{subject}: removal acknowledged, still found");
                else if (!ledger.Removed.ContainsKey(subject) && top != subject) failures.Add($"{subject}: enrolment acknowledged, not found (top: {top})");
            }
            catch (Exception e)
            {
                failures.Add($"{entry.Key}: the check's search failed: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(checks);
        log($"checker: {ledger.Enrolled.Count - ledger.Removed.Count} acknowledged enrolments searched for, {ledger.Removed.Count} acknowledged removals checked gone");

        foreach (var (force, client) in clients)
        {
            var audit = await client.Audit(force).VerifyAsync();
            log($"checker: audit of {force}: {(audit.Intact ? "intact" : "BROKEN")}, {audit.Entries} entries");
            if (!audit.Intact) failures.Add($"audit of {force} broken at {audit.FirstBadSeq}: {audit.Problem}");
        }
        return [.. failures];
    }

    private static async Task FullCoverageAsync(GridClient client, GalleryId id)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var probe = Grid.Cluster.Tests.Synthetic.Gallery("c", 1, attempt).Templates.Vectors;
            var response = (await client.SearchAsync(new SearchRequest([id], probe, new SearchPurpose("organised-armed-robbery", "SOAK",
                SubjectCategory.Suspect, "Soak checker waiting for full coverage"), Model, 1, -1, 10_000))).Response;
            if (response.Coverage.Complete) return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"{id} never answered with full coverage after the soak");
    }
}
