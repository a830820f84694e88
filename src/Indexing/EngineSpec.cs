using Grid.Indexing.Compressed;

namespace Grid.Indexing;

/// <summary>A parsed engine spec: <c>exact</c>, <c>exact-int8[?rerank=float16|float32|codes]</c>, or
/// <c>faiss:FACTORY[?name=value&amp;...]</c>.</summary>
internal sealed record EngineSpec(string Text, string? FaissFactory, IReadOnlyList<KeyValuePair<string, int>> SearchParameters)
{
    public const string Exact = "exact";
    public const string ExactInt8 = "exact-int8";
    private const string FaissPrefix = "faiss:";
    private const string RerankParameter = "rerank=";
    private static readonly string[] KnownParameters = ["nprobe", "efSearch"];

    /// <summary>Set for <c>exact-int8</c>: what its candidates are re-ranked against.</summary>
    public RerankPrecision? Int8Rerank { get; private init; }

    public bool IsExact => FaissFactory is null && Int8Rerank is null;

    public bool IsExactInt8 => Int8Rerank is not null;

    public static EngineSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Equals(Exact, StringComparison.OrdinalIgnoreCase)) return new(spec, null, []);
        if (spec.StartsWith(ExactInt8, StringComparison.OrdinalIgnoreCase)) return ParseInt8(spec);
        if (!spec.StartsWith(FaissPrefix, StringComparison.OrdinalIgnoreCase))
            throw new UnknownEngineException(spec, "the engine must be 'exact', 'exact-int8' or start with 'faiss:'");

        var body = spec[FaissPrefix.Length..];
        var query = body.IndexOf('?');
        var factory = query < 0 ? body : body[..query];
        if (factory.Length == 0 || factory.Any(char.IsWhiteSpace))
            throw new UnknownEngineException(spec, "the FAISS factory string is empty or contains white space");

        var parameters = new List<KeyValuePair<string, int>>();
        if (query >= 0)
        {
            foreach (var pair in body[(query + 1)..].Split('&'))
            {
                var parts = pair.Split('=');
                var name = parts.Length == 2 ? KnownParameters.FirstOrDefault(k => k.Equals(parts[0], StringComparison.OrdinalIgnoreCase)) : null;
                if (name is null || !int.TryParse(parts[1], out var value) || value <= 0)
                    throw new UnknownEngineException(spec, $"'{pair}' is not a search parameter (nprobe=N or efSearch=N, N > 0)");
                parameters.Add(new(name, value));
            }
        }
        return new(spec, factory, parameters);
    }

    private static EngineSpec ParseInt8(string spec)
    {
        var rest = spec[ExactInt8.Length..];
        var rerank = RerankPrecision.Float16;
        if (rest.Length > 0)
        {
            if (!rest.StartsWith('?') || !rest[1..].StartsWith(RerankParameter, StringComparison.OrdinalIgnoreCase)
                || !Enum.TryParse(rest[(1 + RerankParameter.Length)..], ignoreCase: true, out rerank)
                || !Enum.IsDefined(rerank) || char.IsDigit(rest[1 + RerankParameter.Length]))
                throw new UnknownEngineException(spec, "'exact-int8' takes only '?rerank=float16' (default), '?rerank=float32' or '?rerank=codes'");
        }
        return new(spec, null, []) { Int8Rerank = rerank };
    }
}
