using System.Collections.Concurrent;
using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Contracts.Templates;
using Grid.Grains.Review;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Grid.Grains.Search;

/// <summary>
/// Authorises, fans out, merges and audits one search. Partner galleries are asked only with a ticket from the
/// owner's agreement grain; each owner's candidates are cut to that agreement's caps before the global merge;
/// the search is logged at the requester and at every owner before any candidate is returned.
/// A shard that fails or misses the deadline is reported in the coverage; the others still answer.
/// </summary>
[StatelessWorker]
public sealed class SearchCoordinatorGrain(ILogger<SearchCoordinatorGrain> logger) : Grain, ISearchCoordinatorGrain
{
    /// <summary>More shards than this are searched in waves, so one search cannot flood the cluster.</summary>
    public const int MaxParallelShards = 64;

    // Gallery configs never change after creation, so a cached copy is never stale.
    private static readonly ConcurrentDictionary<GalleryId, GalleryInfo> Galleries = new();

    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var principal = GridRequestContext.RequirePrincipal();
        if (principal.Force is not { } force || !principal.Has(Role.Searcher))
            throw new GridAccessDeniedException($"{principal} is not a searcher of any force.");
        var probe = Validate(request);
        var scope = await ResolveScopeAsync(force, request);

        var shards = scope.Granted.SelectMany(g => Enumerable.Range(0, g.Gallery.Config.ShardCount)
            .Select(n => (g.Gallery, g.Ticket, Key: ShardKeys.For(g.Gallery.Id, n)))).ToArray();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Deadline);
        using var gate = new SemaphoreSlim(MaxParallelShards);

        // One merger per owner, cut to that owner's cap, so a partner's limit holds before the global top-k.
        var perOwner = scope.Granted.GroupBy(g => g.Gallery.Id.Force).ToDictionary(
            g => g.Key, g => new TopKMerger(Math.Min(request.K, g.First().Ticket?.MaxCandidates ?? request.K)));
        var reports = await Task.WhenAll(shards.Select(async shard =>
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                var search = new ShardSearch(probe, request.ModelId, request.K, request.MinScore, request.Purpose, shard.Ticket);
                var hits = await GrainFactory.GetGrain<IGalleryShardGrain>(shard.Key).SearchAsync(search, deadline.Token)
                    .WaitAsync(deadline.Token);
                var merger = perOwner[shard.Gallery.Id.Force];
                lock (merger) merger.Add(shard.Gallery.Id, hits);
                return new ShardReport(shard.Key, ShardOutcome.Answered, null);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new ShardReport(shard.Key, ShardOutcome.TimedOut, $"no answer within {request.Deadline.TotalMilliseconds:0} ms");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Shard {Shard} failed during a search", shard.Key);
                return new ShardReport(shard.Key, ShardOutcome.Failed, e.Message);
            }
            finally
            {
                gate.Release();
            }
        }));

        var global = new TopKMerger(request.K);
        foreach (var owner in perOwner.Values)
            global.Add(owner.Result().Select(c => (new GalleryId(c.Force, c.Gallery), new ShardHit(c.SubjectRef, c.Score))));
        var candidates = global.Result();
        await AuditAsync(principal, force, request.Purpose, scope, reports, candidates);
        var coverage = new Coverage(reports);
        var searchId = await ReviewCaseOpener.OpenAsync(GrainFactory, force, request, probe, candidates, coverage, [.. scope.Refused]);
        return new SearchResponse(candidates, coverage, scope.Refused.ToArray(), searchId);
    }

    private async Task<SearchScope> ResolveScopeAsync(ForceId force, SearchRequest request)
    {
        var named = request.Galleries.Length > 0
            ? request.Galleries.Distinct().ToArray()
            : await DefaultScopeAsync(force, request.Purpose, request.Partners);
        var infos = await Task.WhenAll(named.Select(ResolveAsync));
        foreach (var info in infos)
            if (info.Config.ModelId != request.ModelId)
                throw new ModelMismatchException(
                    $"Gallery {info.Id} holds templates of model '{info.Config.ModelId}'; the probe comes from '{request.ModelId}'.");

        var scope = new SearchScope();
        foreach (var owner in infos.GroupBy(i => i.Id.Force))
        {
            if (owner.Key == force.Value)
            {
                scope.Granted.AddRange(owner.Select(i => (i, (SearchTicket?)null)));
                continue;
            }
            var asked = owner.Select(i => i.Id).ToImmutableArray();
            var agreement = GrainFactory.GetGrain<ISharingAgreementGrain>(new AgreementKey(ForceId.Parse(owner.Key), force).ToString());
            var authorisation = await SiloFailover.CallAsync(() => agreement.AuthoriseAsync(asked, request.Purpose));
            foreach (var info in owner)
            {
                if (authorisation.Ticket is { } ticket && ticket.Galleries.Contains(info.Id))
                    scope.Granted.Add((info, ticket));
                else
                    scope.Refused.Add(new SearchRefusal(info.Id, authorisation.Granted
                        ? $"the agreement with {owner.Key} does not cover {info.Id}"
                        : $"{authorisation.Refusal}: {authorisation.Message}"));
            }
        }
        return scope;
    }

    /// <summary>The caller's own galleries plus every partner gallery an active agreement covers for this offence.</summary>
    private async Task<GalleryId[]> DefaultScopeAsync(ForceId force, SearchPurpose purpose, string[]? only)
    {
        var all = await SiloFailover.CallAsync(() => GrainFactory.GetGrain<IGalleryCatalogGrain>(0).ListAsync());
        var partners = all.Select(g => g.Force).Where(f => f != force.Value && (only is null || only.Contains(f))).Distinct().ToArray();
        var views = await Task.WhenAll(partners.Select(owner => SiloFailover.CallAsync(() =>
            GrainFactory.GetGrain<ISharingAgreementGrain>(new AgreementKey(ForceId.Parse(owner), force).ToString()).GetAsync())));
        var covered = views
            .Where(v => v.Status == AgreementStatus.Active && v.Terms is not null && v.Terms.Allows(purpose.Offence))
            .SelectMany(v => v.Terms!.Galleries);
        return all.Where(g => g.Force == force.Value).Concat(covered.Where(all.Contains)).Distinct().ToArray();
    }

    /// <summary>One entry at the requester per owner asked and one at each partner owner. Awaited: a search
    /// that could not be logged returns nothing.</summary>
    private Task AuditAsync(Principal principal, ForceId force, SearchPurpose purpose, SearchScope scope, ShardReport[] reports, Candidate[] candidates)
    {
        var answeredShards = reports.Where(r => r.Outcome == ShardOutcome.Answered).Select(r => r.Shard).ToHashSet();
        var appends = new List<Task>();
        foreach (var owner in scope.Owners)
        {
            var asked = scope.Granted.Where(g => g.Gallery.Id.Force == owner).Select(g => g.Gallery.Id)
                .Concat(scope.Refused.Where(r => r.Gallery.Force == owner).Select(r => r.Gallery)).ToImmutableArray();
            var answered = scope.Granted.Where(g => g.Gallery.Id.Force == owner
                    && Enumerable.Range(0, g.Gallery.Config.ShardCount).Any(n => answeredShards.Contains(ShardKeys.For(g.Gallery.Id, n))))
                .Select(g => g.Gallery.Id).ToImmutableArray();
            var count = candidates.Count(c => c.Force == owner);
            var ownerId = ForceId.Parse(owner);
            var outgoing = new AuditEvent(AuditKind.OutgoingSearch, principal.ToString(), ownerId, purpose.Offence, purpose.CaseReference,
                asked, answered, count, $"{purpose.Subject}: {purpose.Justification}");
            appends.Add(SiloFailover.CallAsync(() => GrainFactory.GetGrain<IAuditLogGrain>(force.Value).AppendAsync(outgoing)));
            if (owner != force.Value)
            {
                var incoming = outgoing with { Kind = AuditKind.IncomingSearch, Partner = force };
                appends.Add(SiloFailover.CallAsync(() => GrainFactory.GetGrain<IAuditLogGrain>(owner).AppendAsync(incoming)));
            }
        }
        return Task.WhenAll(appends);
    }

    private async Task<GalleryInfo> ResolveAsync(GalleryId id)
    {
        if (Galleries.TryGetValue(id, out var cached)) return cached;
        var info = await SiloFailover.CallAsync(() => GrainFactory.GetGrain<IGalleryGrain>(id.Key).GetAsync())
            ?? throw new GalleryNotFoundException($"Gallery {id} does not exist.");
        return Galleries.GetOrAdd(id, info);
    }

    private static float[] Validate(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Purpose, "purpose");
        request.Purpose.EnsureValid();
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
