namespace Grid.Grains.Tests.Support;

/// <summary>
/// The reference answer for a gallery search: every template scored in double precision, one result per
/// subject at its best template's score, ranked by score then subjectRef (ordinal) — the coordinator's order.
/// </summary>
public sealed class GalleryOracle
{
    private readonly Dictionary<string, List<float[]>> _subjects = new(StringComparer.Ordinal);

    public int Subjects => _subjects.Count;
    public int Templates => _subjects.Values.Sum(t => t.Count);

    public void Add(string[] subjectRefs, float[] vectors)
    {
        for (var i = 0; i < subjectRefs.Length; i++)
        {
            if (!_subjects.TryGetValue(subjectRefs[i], out var list)) _subjects[subjectRefs[i]] = list = [];
            list.Add(Vectors.Row(vectors, i));
        }
    }

    public void Remove(string subjectRef) => _subjects.Remove(subjectRef);

    /// <summary>Every template held, with its subject.</summary>
    public IEnumerable<(string SubjectRef, float[] Template)> AllTemplates() =>
        _subjects.OrderBy(s => s.Key, StringComparer.Ordinal).SelectMany(s => s.Value.Select(t => (s.Key, t)));

    public (string SubjectRef, double Score)[] Search(float[] probe, int k, float minScore = -1f) => _subjects
        .Select(s => (SubjectRef: s.Key, Score: s.Value.Max(t => Vectors.Dot(probe, t))))
        .Where(hit => hit.Score >= minScore)
        .OrderByDescending(hit => hit.Score).ThenBy(hit => hit.SubjectRef, StringComparer.Ordinal)
        .Take(k)
        .ToArray();
}
