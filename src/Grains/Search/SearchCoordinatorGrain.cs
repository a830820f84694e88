using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Contracts.Templates;
using Grid.Grains.Diagnostics;
using Grid.Grains.Review;
using Grid.Grains.Sharing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Grid.Grains.Search;

/// <summary>
/// Authorises, fans out, merges and audits one search. Partner galleries are asked only with a ticket from the
/// owner's agreement grain; each owner's candidates are cut to that agreement's caps before the global merge;
/// the search is logged at the requester and at every owner before any candidate is returned.
/// A shard that fails or misses the deadline is reported in the coverage; the others still answer.
/// The coordinator holds no policy of its own: <see cref="PermissionEvaluator"/> decides, here for the caller's own
/// galleries and for the default scope, and inside each owner's agreement grain for every partner gallery.
/// Reentrant: it keeps no state between calls, and a non-reentrant stateless worker runs one search per activation
/// (at most one activation per core), which capped a silo at two searches in flight on two cores however many arrived;
/// now they all reach the shards together and are batched there (<see cref="Galleries.ShardSearchBatcher"/>).
/// Deadlines: the request's deadline bounds resolving the scope and the fan-out; auditing and opening the review case
/// get <see cref="SearchDeadlineOptions.AuditMargin"/> more. No step waits past that, whatever storage or a dying silo
/// does: a search that cannot be audited in time answers <see cref="AuditUnavailableException"/>, never candidates.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class SearchCoordinatorGrain(
    GalleryInfoCache galleries, TimeProvider clock, IOptions<SearchDeadlineOptions> deadlines, ILogger<SearchCoordinatorGrain> logger)
    : Grain, ISearchCoordinatorGrain
{
    /// <summary>More shards than this are searched in waves, so one search cannot flood the cluster.</summary>
    public const int MaxParallelShards = 64;

    private static readonly Dictionary<ForceId, AgreementView> NoAgreements = [];

    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var principal = GridRequestContext.RequirePrincipal();
        if (!PermissionEvaluator.MaySearch(principal))
            throw new GridAccessDeniedException($"{principal} is not a searcher of any force.");
        var force = principal.Force!;
        var searchId = ReviewKeys.NewSearchId();
        using var logScope = SearchTelemetry.BeginSearch(logger, searchId, principal.ToString());
        var probe = Validate(request);
        // The deadline counts from here, so resolving the scope eats into it rather than adding to it.
        var started = clock.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Deadline);
        var margin = deadlines.Value.AuditMargin;
        using var end = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        end.CancelAfter(request.Deadline + margin);
        SearchScope scope;
        try
        {
            scope = await ResolveScopeAsync(principal, request, deadline.Token, end.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The caller's own galleries (or the list of them) could not be read even by the deadline plus the margin.
            throw new TimeoutException($"The search's galleries could not be resolved within its {request.Deadline.TotalMilliseconds:0} ms deadline.");
        }

        var shards = scope.Granted.SelectMany(g => Enumerable.Range(0, g.Gallery.Config.ShardCount)
            .Select(n => (g.Gallery, g.Ticket, Key: ShardKeys.For(g.Gallery.Id, n)))).ToArray();

        // One merger per owner, cut to that owner's cap, so a partner's limit holds before the global top-k.
        var perOwner = scope.Granted.GroupBy(g => g.Gallery.Id.Force).ToDictionary(
            g => g.Key, g => new TopKMerger(Math.Min(request.K, g.First().Ticket?.MaxCandidates ?? request.K)));
        // The search's own entries (who, when, purpose, case, galleries asked) go to the requester's and each concerned
        // owner's log while the shards scan; the reply waits for both, so nothing is returned that is not on record.
        // Neither waits past the deadline plus the margin (issue 12 item 3): an entry not acknowledged by then makes the
        // search answer audit-unavailable, never candidates off the record.
        var audited = AuditSearchAsync(principal, force, request.Purpose, scope);
        var fanOut = FanOutAsync(searchId, force, shards, perOwner, request, probe, started, deadline.Token, cancellationToken);
        var reports = await fanOut;
        Dictionary<ForceId, (long Mine, long? Theirs)> entries;
        try
        {
            entries = await DeadlineWait.WithinAsync(audited, end.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not ForceSilosUnavailableException)
        {
            // A pinned log with none of its force's silos up says so itself (start one). An append abandoned here may
            // still land later: the log then holds a search that answered audit-unavailable (over-, never under-reporting).
            logger.LogWarning(e is OperationCanceledException ? null : e,
                "Search {SearchId} of {Force} could not be audited within its deadline plus {Margin} ms; it answers audit-unavailable",
                searchId, force, margin.TotalMilliseconds);
            throw new AuditUnavailableException(
                $"The search could not be audited within its {request.Deadline.TotalMilliseconds:0} ms deadline (+{margin.TotalMilliseconds:0} ms): " +
                "the audit log did not acknowledge in time (its storage or silo is slow or down), so no candidates are returned. " +
                "Nothing changed; retry after the time in Retry-After.");
        }

        var global = new TopKMerger(request.K);
        foreach (var owner in perOwner.Values)
            global.Add(owner.Result().Select(c => (new GalleryId(c.Force, c.Gallery), new ShardHit(c.SubjectRef, c.Score))));
        var candidates = CandidateCalibration.Annotate(request.ModelId, global.Result());
        try
        {
            await DeadlineWait.WithinAsync(AuditOutcomeAsync(principal, force, request.Purpose, scope, entries, reports, candidates), end.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The search is on record already; its outcome entry is queued best-effort (never awaited to storage).
            logger.LogWarning(e is OperationCanceledException ? null : e, "The outcome entry of search {SearchId} of {Force} could not be queued by the deadline", searchId, force);
        }
        var coverage = new Coverage(reports);
        string? caseId;
        try
        {
            caseId = await DeadlineWait.WithinAsync(
                ReviewCaseOpener.OpenAsync(GrainFactory, logger, force, request, probe, candidates, coverage, [.. scope.Refused], searchId), end.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Audited already, so the answer stands; as when the case cannot be opened at all, it names no case.
            logger.LogWarning("The review case of search {SearchId} of {Force} did not open by the deadline; the search answers without one", searchId, force);
            caseId = null;
        }
        return new SearchResponse(candidates, coverage, scope.Refused.ToArray(), caseId);
    }

    private async Task<ShardReport[]> FanOutAsync(string searchId, ForceId force, (GalleryInfo Gallery, SearchTicket? Ticket, string Key)[] shards,
        Dictionary<ForceId, TopKMerger> perOwner, SearchRequest request, float[] probe, long started, CancellationToken deadline, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(MaxParallelShards);
        using var span = SearchTelemetry.StartFanOut(searchId, force.Value, shards.Length);
        // One message per ticket (the caller's own galleries have none), not one per shard: the same immutable instance
        // goes to every shard of an owner, so its wire form is made once for all their call digests (CallDigest).
        var own = new ShardSearch(probe, request.ModelId, request.K, request.MinScore, request.Purpose, null);
        var partners = new Dictionary<SearchTicket, ShardSearch>(ReferenceEqualityComparer.Instance);
        var searches = shards.Select(s => s.Ticket is not { } ticket ? own
            : partners.TryGetValue(ticket, out var made) ? made : partners[ticket] = own with { Ticket = ticket }).ToArray();
        var reports = await Task.WhenAll(shards.Select(async (shard, i) =>
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                return await SearchShardAsync(shard.Key, searches[i], perOwner[shard.Gallery.Id.Force], shard.Gallery.Id,
                    request.Deadline, request.Deadline - clock.GetElapsedTime(started), deadline, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        SearchTelemetry.EndFanOut(logger, span, reports);
        return reports;
    }

    /// <summary>
    /// One shard's answer, or a report of why there is none. Never throws for the shard's sake: a dead silo, a refusal
    /// or a missed deadline is the coverage's to say, not the search's to fail. A call the transport rejected (the
    /// shard's silo died) is retried once after a short pause when enough of the deadline is left, since the shard
    /// re-activates on a survivor once membership declares its silo dead. Only the caller's own cancellation ends the search.
    /// </summary>
    private async Task<ShardReport> SearchShardAsync(string key, ShardSearch search, TopKMerger merger, GalleryId gallery,
        TimeSpan limit, TimeSpan left, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var hits = await GrainFactory.GetGrain<IGalleryShardGrain>(key).SearchAsync(search, deadline).WaitAsync(deadline);
                lock (merger) merger.Add(gallery, hits);
                return new ShardReport(key, ShardOutcome.Answered, null);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw; // the caller went away: nothing to report to
            }
            catch (Exception) when (deadline.IsCancellationRequested)
            {
                return new ShardReport(key, ShardOutcome.TimedOut, $"no answer within the {limit.TotalMilliseconds:0} ms deadline");
            }
            catch (Exception e) when (ShardFailover.IsTransient(e))
            {
                var pause = attempt == 1 ? ShardFailover.PauseBeforeRetry(left - clock.GetElapsedTime(started)) : null;
                logger.LogWarning("Shard {Shard} unreachable during a search (attempt {Attempt}, {Error}: {Message}); {Next}",
                    key, attempt, e.GetType().Name, e.Message, pause is { } p ? $"retrying in {p.TotalMilliseconds:0} ms" : "reported in the coverage");
                if (pause is null)
                    return new ShardReport(key, ShardOutcome.Failed, $"unavailable (its silo is down or just failed): {e.Message}");
                try
                {
                    await Task.Delay(pause.Value, clock, deadline);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return new ShardReport(key, ShardOutcome.TimedOut, $"no answer within the {limit.TotalMilliseconds:0} ms deadline");
                }
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Shard {Shard} failed during a search", key);
                return new ShardReport(key, ShardOutcome.Failed, e.Message);
            }
        }
    }

    /// <summary>
    /// The caller's own galleries are resolved at once (a missing one or a model mismatch is the caller's to know).
    /// A partner's galleries are first put to the agreement, which never looks at whether they exist: a gallery the
    /// caller may not search is refused with the same answer whether it exists or not and whatever the model id, so
    /// refusals confirm nothing (issue 9). Only granted galleries are then resolved.
    /// </summary>
    /// <remarks>The caller's own galleries (and the default scope's lists) may take until <paramref name="end"/>: without them
    /// there is nothing to search, and once known, a shard past the deadline is reported <c>TimedOut</c>, which says
    /// more than an error. A partner's agreement gets half of <paramref name="deadline"/>.</remarks>
    private async Task<SearchScope> ResolveScopeAsync(Principal principal, SearchRequest request, CancellationToken deadline, CancellationToken end)
    {
        var force = principal.Force!;
        var named = request.Galleries.Length > 0
            ? request.Galleries.Distinct().ToArray()
            : await DefaultScopeAsync(principal, request.Purpose, request.Partners, end);
        var scope = new SearchScope();
        var ownInfos = await Task.WhenAll(named.Where(g => g.Force == force).Select(id => ResolveAsync(id, end)));
        RequireModel(ownInfos, request.ModelId);
        if (ownInfos.Length > 0)
        {
            // Own galleries need no agreement: the evaluator grants them to a searcher with a valid purpose.
            var own = PermissionEvaluator.Evaluate(principal, ownInfos.Select(i => i.Id), request.Purpose, NoAgreements, clock.GetUtcNow());
            scope.Granted.AddRange(ownInfos.Where(i => own.Granted.Any(g => g.Gallery == i.Id)).Select(i => (i, (SearchTicket?)null)));
            scope.Refused.AddRange(own.Refused.Select(r => new SearchRefusal(r.Gallery, r.Reason, r.Message)));
        }

        var owners = named.Where(g => g.Force != force).GroupBy(g => g.Force).ToArray();
        if (owners.Length == 0) return scope; // no partner: no half-deadline timer to arm
        // A partner's agreement whose silo is dying must not take the whole deadline from the caller's own shards.
        using var partners = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        partners.CancelAfter(request.Deadline / 2);
        foreach (var owner in owners)
        {
            // A partner's galleries: its agreement grain decides (with the same evaluator), counts the quota and signs.
            var asked = owner.ToImmutableArray();
            var agreement = GrainFactory.GetGrain<ISharingAgreementGrain>(new AgreementKey(owner.Key, force).ToString());
            Authorisation authorisation;
            var granted = new List<GalleryInfo>();
            var refused = new List<SearchRefusal>();
            try
            {
                authorisation = await SiloFailover.CallAsync(() => agreement.AuthoriseAsync(asked, request.Purpose), partners.Token);
                foreach (var id in asked)
                {
                    if (authorisation.Ticket is { } ticket && ticket.Galleries.Contains(id))
                    {
                        if (await TryResolveAsync(id, partners.Token) is { } info) granted.Add(info);
                        else refused.Add(new SearchRefusal(id, RefusalReason.GalleryNotCovered, $"{id} does not exist"));
                    }
                    else if (authorisation.Granted)
                        refused.Add(new SearchRefusal(id, RefusalReason.GalleryNotCovered, $"the agreement with {owner.Key} does not cover {id}"));
                    else
                        refused.Add(new SearchRefusal(id, authorisation.Refusal, authorisation.Message));
                }
            }
            catch (ForceSilosUnavailableException e)
            {
                // The agreement runs on the owner's own silos (they alone hold its ticket key): with them down its
                // galleries are unavailable, which makes a partial result, not a failed search.
                scope.Refused.AddRange(asked.Select(id => new SearchRefusal(id, RefusalReason.NotActive, $"unavailable: {e.Message}")));
                continue;
            }
            catch (OperationCanceledException) when (partners.IsCancellationRequested)
            {
                // The owner's agreement or gallery did not answer within half the deadline (its silo dying, its storage
                // stalled): a partial result naming them, as for a shard that misses the deadline.
                scope.Refused.AddRange(asked.Select(id => new SearchRefusal(id, RefusalReason.NotActive,
                    $"unavailable: {owner.Key}'s agreement or gallery did not answer within half the deadline")));
                continue;
            }

            RequireModel(granted, request.ModelId);
            scope.Refused.AddRange(refused);
            scope.Granted.AddRange(granted.Select(i => (i, authorisation.Ticket)));
        }
        return scope;
    }

    private static void RequireModel(IEnumerable<GalleryInfo> infos, string modelId)
    {
        foreach (var info in infos)
            if (info.Config.ModelId != modelId)
                throw new ModelMismatchException(
                    $"Gallery {info.Id} holds templates of model '{info.Config.ModelId}'; the probe comes from '{modelId}'.");
    }

    /// <summary>
    /// The caller's own galleries plus every existing partner gallery that an agreement in the caller's index grants
    /// for this purpose now, as the evaluator judges it. Only agreements that exist are read (the force's index, one
    /// grain), not every possible partner. The index may lag a change: that can only drop a gallery from the scope or
    /// let its agreement grain refuse it in <see cref="ResolveScopeAsync"/>, never grant it.
    /// </summary>
    private async Task<GalleryId[]> DefaultScopeAsync(Principal principal, SearchPurpose purpose, ForceId[]? only, CancellationToken deadline)
    {
        var force = principal.Force!;
        var all = await SiloFailover.CallAsync(() => GrainFactory.GetGrain<IGalleryCatalogGrain>(0).ListAsync(), deadline);
        var indexed = await SiloFailover.CallAsync(() => GrainFactory.GetGrain<IForceAgreementsGrain>(force).ListAsync(), deadline);
        var asRequester = indexed
            .Where(v => v.Key.Requester == force && v.Key.Owner != force && (only is null || only.Contains(v.Key.Owner)))
            .ToDictionary(v => v.Key.Owner);
        var offered = asRequester.Values.SelectMany(v => v.Terms is { Galleries.IsDefault: false } t ? t.Galleries : []).Where(all.Contains);
        var decision = PermissionEvaluator.Evaluate(principal, offered, purpose, asRequester, clock.GetUtcNow());
        return all.Where(g => g.Force == force).Concat(decision.Granted.Select(g => g.Gallery)).Distinct().ToArray();
    }

    /// <summary>
    /// The search's entries, written while the shards scan: one at the requester per owner asked (refused ones too) and
    /// one at each partner owner where an asked gallery exists (a refusal for a gallery that does not exist concerns
    /// nobody there). They hold what is known before any shard answers: who, when, purpose, case, galleries asked.
    /// Awaited before the reply: a search that could not be logged returns nothing. Returns, per owner, the sequence
    /// numbers of the entries written (the owner's is null where it got none), which the outcome entries name.
    /// </summary>
    private async Task<Dictionary<ForceId, (long Mine, long? Theirs)>> AuditSearchAsync(Principal principal, ForceId force, SearchPurpose purpose, SearchScope scope)
    {
        var appends = scope.Owners.Select(async owner =>
        {
            var outgoing = new AuditEvent(AuditKind.OutgoingSearch, principal.ToString(), owner, purpose.Offence, purpose.CaseReference,
                Asked(scope, owner), [], 0, $"{purpose.Subject}: {purpose.Justification}");
            if (owner == force || !await AnyExistsAsync(owner, scope))
            {
                var written = await SiloFailover.CallAsync(() => GrainFactory.GetGrain<IAuditLogGrain>(force).AppendAsync(outgoing));
                return (owner, (written.Seq, (long?)null));
            }
            return (owner, await AnchoredAsync(force, owner, outgoing));
        }).ToArray();
        return (await Task.WhenAll(appends)).ToDictionary(a => a.owner, a => a.Item2);
    }

    /// <summary>
    /// What the search found at each owner (galleries that answered, candidates), at the requester and at each owner
    /// that holds the search's entry, naming that entry. Queued for the logs' next group commits, not awaited to
    /// storage: the reply does not wait for a second write (docs/SECURITY.md, "A search's outcome entry").
    /// </summary>
    private async Task AuditOutcomeAsync(Principal principal, ForceId force, SearchPurpose purpose, SearchScope scope,
        Dictionary<ForceId, (long Mine, long? Theirs)> entries, ShardReport[] reports, Candidate[] candidates)
    {
        var answeredShards = reports.Where(r => r.Outcome == ShardOutcome.Answered).Select(r => r.Shard).ToHashSet();
        var queued = new List<Task>();
        foreach (var (owner, (mine, theirs)) in entries)
        {
            var answered = scope.Granted.Where(g => g.Gallery.Id.Force == owner
                    && Enumerable.Range(0, g.Gallery.Config.ShardCount).Any(n => answeredShards.Contains(ShardKeys.For(g.Gallery.Id, n))))
                .Select(g => g.Gallery.Id).ToImmutableArray();
            var outcome = new AuditEvent(AuditKind.OutgoingSearchOutcome, principal.ToString(), owner, purpose.Offence, purpose.CaseReference,
                Asked(scope, owner), answered, candidates.Count(c => c.Force == owner), $"outcome of entry {mine}");
            queued.Add(SiloFailover.CallAsync(async () =>
            {
                await GrainFactory.GetGrain<IAuditLogGrain>(force).AppendLaterAsync(outcome);
                return true;
            }));
            if (theirs is { } seq)
                queued.Add(SiloFailover.CallAsync(async () =>
                {
                    await GrainFactory.GetGrain<IAuditLogGrain>(owner).AppendLaterAsync(
                        outcome with { Kind = AuditKind.IncomingSearchOutcome, Partner = force, Detail = $"outcome of entry {seq}" });
                    return true;
                }));
        }
        await Task.WhenAll(queued);
    }

    private static ImmutableArray<GalleryId> Asked(SearchScope scope, ForceId owner) =>
        scope.Granted.Where(g => g.Gallery.Id.Force == owner).Select(g => g.Gallery.Id)
            .Concat(scope.Refused.Where(r => r.Gallery.Force == owner).Select(r => r.Gallery)).ToImmutableArray();

    /// <summary>Partner anchors: the requester's entry records the owner's head, and the owner's entry the requester's
    /// new head, so each force's chain is pinned in a log its own storage insider cannot reach.</summary>
    private async Task<(long Mine, long? Theirs)> AnchoredAsync(ForceId requester, ForceId owner, AuditEvent outgoing)
    {
        var mine = GrainFactory.GetGrain<IAuditLogGrain>(requester);
        var theirs = GrainFactory.GetGrain<IAuditLogGrain>(owner);
        var ownerHead = await SiloFailover.CallAsync(() => theirs.HeadAsync());
        var written = await SiloFailover.CallAsync(() => mine.AppendAsync(outgoing with { PartnerHead = ownerHead }));
        var incoming = outgoing with { Kind = AuditKind.IncomingSearch, Partner = requester, PartnerHead = new AuditHead(written.Seq, written.Hash) };
        var received = await SiloFailover.CallAsync(() => theirs.AppendAsync(incoming));
        return (written.Seq, received.Seq);
    }

    /// <summary>Whether any gallery of <paramref name="owner"/> this search named exists; it decides only where the
    /// search is logged, never the answer to the caller.</summary>
    private async Task<bool> AnyExistsAsync(ForceId owner, SearchScope scope)
    {
        if (scope.Granted.Any(g => g.Gallery.Id.Force == owner)) return true;
        foreach (var refused in scope.Refused.Where(r => r.Gallery.Force == owner))
        {
            try
            {
                if (await TryResolveAsync(refused.Gallery) is not null) return true;
            }
            catch (GridAccessDeniedException)
            {
                return true; // it exists, but its stored configuration is refused: the owner should hear of it
            }
        }
        return false;
    }

    private async Task<GalleryInfo> ResolveAsync(GalleryId id, CancellationToken deadline) =>
        await TryResolveAsync(id, deadline) ?? throw new GalleryNotFoundException($"Gallery {id} does not exist.");

    private async Task<GalleryInfo?> TryResolveAsync(GalleryId id, CancellationToken deadline = default)
    {
        if (galleries.TryGet(id, out var cached)) return cached!;
        var info = await SiloFailover.CallAsync(() => GrainFactory.GetGrain<IGalleryGrain>(id.Key).GetAsync(), deadline);
        if (info is not null) galleries.Add(info);
        return info;
    }

    private static float[] Validate(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Purpose, "purpose");
        request.Purpose.Validate();
        foreach (var gallery in request.Galleries) gallery.Validate();
        if (request.K is < 1 or > SearchRequest.MaxK)
            throw new ArgumentException($"k must be between 1 and {SearchRequest.MaxK}, not {request.K}.");
        if (!float.IsFinite(request.MinScore) || request.MinScore is < -1 or > 1)
            throw new ArgumentException($"The minimum score is a cosine similarity between -1 and 1, not {request.MinScore}.");
        if (request.Deadline <= TimeSpan.Zero || request.Deadline > TimeSpan.FromMinutes(5))
            throw new ArgumentException("The deadline must be positive and at most 5 minutes.");
        var probe = (float[])request.Probe.Clone();
        TemplateRules.ValidateAndNormalise(probe, 1);
        return probe;
    }
}
