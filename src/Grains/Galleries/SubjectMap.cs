namespace Grid.Grains.Galleries;

/// <summary>The shard's id ↔ subjectRef map. A subject may hold several templates; each template id
/// belongs to exactly one subject.</summary>
public sealed class SubjectMap
{
    private readonly Dictionary<string, List<TemplateEntry>> _bySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _byId = new();

    public int Subjects => _bySubject.Count;
    public int Templates => _byId.Count;

    public IEnumerable<KeyValuePair<string, List<TemplateEntry>>> Entries => _bySubject;

    public bool Contains(string subjectRef, ulong vectorHash) =>
        _bySubject.TryGetValue(subjectRef, out var list) && list.Exists(e => e.VectorHash == vectorHash);

    public bool TryGetSubject(long id, out string subjectRef) => _byId.TryGetValue(id, out subjectRef!);

    public void Add(string subjectRef, TemplateEntry entry)
    {
        if (!_bySubject.TryGetValue(subjectRef, out var list))
            _bySubject[subjectRef] = list = new List<TemplateEntry>(1);
        list.Add(entry);
        _byId.Add(entry.Id, subjectRef);
    }

    /// <summary>Ids of the subject's templates, empty when it is not enrolled.</summary>
    public long[] IdsOf(string subjectRef) =>
        _bySubject.TryGetValue(subjectRef, out var list) ? list.Select(e => e.Id).ToArray() : [];

    public void Remove(string subjectRef)
    {
        if (!_bySubject.Remove(subjectRef, out var list)) return;
        foreach (var entry in list) _byId.Remove(entry.Id);
    }

    /// <summary>Rough managed bytes: two dictionary entries per template plus the strings.</summary>
    public long EstimateBytes() => _byId.Count * 64L + _bySubject.Sum(kv => 48L + kv.Key.Length * 2 + kv.Value.Count * 16);
}
