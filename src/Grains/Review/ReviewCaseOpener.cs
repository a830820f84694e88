using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;
using Grid.Grains.Search;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Review;

/// <summary>
/// The search coordinator's one call into review: every search opens a case at the requester, after the search is
/// audited and before the reply leaves. The probe template goes no further than this: the case keeps only its
/// SHA-256, so the grid holds no copy of the requester's template once the reply is returned (Prüm II Art 50).
/// Evaluation searches (test data, own galleries) open no case: there is nothing for an examiner to review.
/// A case that cannot be opened (after the failover retries: e.g. a dead silo still owns the new grain's directory
/// partition) does not fail the search, which is already audited: the reply says so with a null search id.
/// </summary>
public static class ReviewCaseOpener
{
    public static async Task<string?> OpenAsync(
        IGrainFactory grains, ILogger logger, ForceId force, SearchRequest request, float[] probe, Candidate[] candidates, Coverage coverage,
        SearchRefusal[] refusals, string? searchId = null)
    {
        if (request.Purpose.Offence == OffenceCatalogue.SystemEvaluation) return null;
        // The coordinator makes the id when the search starts, so its log lines and spans carry the id the reply names.
        searchId ??= ReviewKeys.NewSearchId();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(probe.AsSpan())));
        var opening = new CaseOpening(searchId, request.Purpose, request.ModelId, fingerprint, candidates, coverage, refusals);
        try
        {
            await SiloFailover.CallAsync(async () =>
            {
                await grains.GetGrain<IReviewCaseGrain>(ReviewKeys.Case(force, searchId)).OpenAsync(opening);
                return true;
            });
            return searchId;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The review case of search {SearchId} of {Force} could not be opened; the search answers without one", searchId, force);
            return null;
        }
    }
}
