namespace Grid.Indexing;

/// <summary>A parsed engine spec: <c>exact</c>, or <c>faiss:FACTORY[?name=value&amp;...]</c>.</summary>
internal sealed record EngineSpec(string Text, string? FaissFactory, IReadOnlyList<KeyValuePair<string, int>> SearchParameters)
{
    public const string Exact = "exact";
    private const string FaissPrefix = "faiss:";
    private static readonly string[] KnownParameters = ["nprobe", "efSearch"];

    public bool IsExact => FaissFactory is null;

    public static EngineSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Equals(Exact, StringComparison.OrdinalIgnoreCase)) return new(spec, null, []);
        if (!spec.StartsWith(FaissPrefix, StringComparison.OrdinalIgnoreCase))
            throw new UnknownEngineException(spec, "the engine must be 'exact' or start with 'faiss:'");

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
}
