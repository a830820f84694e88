using System.Numerics.Tensors;

namespace Grid.Faces.Evaluation;

/// <summary>Exact cosine search over every enrolled template; a subject scores its best template.</summary>
public sealed class InMemoryEvaluationGallery : IEvaluationGallery
{
    private readonly List<(string SubjectRef, float[] Template)> entries = [];
    private readonly Lock gate = new();

    public Task EnrolAsync(string subjectRef, float[] template, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            entries.Add((subjectRef, template));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> SearchAsync(float[] probe, int k, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<string> ranked = entries
                .GroupBy(e => e.SubjectRef)
                .Select(g => (SubjectRef: g.Key, Score: g.Max(e => TensorPrimitives.Dot<float>(probe, e.Template))))
                .OrderByDescending(c => c.Score)
                .Take(k)
                .Select(c => c.SubjectRef)
                .ToList();
            return Task.FromResult(ranked);
        }
    }
}
