using Grid.Client;
using Grid.Protocol.Errors;
using Grid.Protocol.Review;

namespace Grid.Portal.Review;

/// <summary>
/// Which candidates of a case have a reference image the examiner may see, asked of the grid (which checks the owner's
/// agreement at that moment) so the page shows an image only where one will load, and otherwise says why:
/// the agreement does not share images, or the owner holds none. The bytes are not kept; the page's image requests fetch them again.
/// </summary>
public static class CandidateImages
{
    /// <summary>At most this many candidates are asked about per page view.</summary>
    public const int MaxAsked = 10;

    public const string NotShared = "templates only — the agreement does not share images";

    /// <summary>Per rank: null when an image is available, else the note to show instead.</summary>
    public static async Task<IReadOnlyDictionary<int, string?>> ProbeAsync(IGridClient grid, string force, ReviewCase @case, CancellationToken cancellationToken)
    {
        var notes = new Dictionary<int, string?>();
        foreach (var candidate in @case.Candidates)
        {
            var rank = candidate.Candidate.Rank;
            if (!candidate.ImagesShared || notes.Count >= MaxAsked)
            {
                notes[rank] = candidate.ImagesShared ? "image not loaded here: open it from the case" : NotShared;
                continue;
            }
            try
            {
                await grid.GetCandidateImageAsync(force, @case.SearchId, rank, cancellationToken);
                notes[rank] = null;
            }
            catch (GridException e)
            {
                notes[rank] = e.Code switch
                {
                    ProblemCodes.NoImage => $"templates only — {candidate.Candidate.Force} holds no reference image of this subject",
                    ProblemCodes.ImagesNotShared => NotShared,
                    _ => $"image unavailable: {e.Message} ({e.Code})",
                };
            }
        }
        return notes;
    }

    /// <summary>The note for <paramref name="rank"/> (<see cref="NotShared"/> when the case was not asked about).</summary>
    public static string? NoteFor(IReadOnlyDictionary<int, string?>? notes, int rank) =>
        notes is null ? NotShared : notes.TryGetValue(rank, out var note) ? note : NotShared;
}
