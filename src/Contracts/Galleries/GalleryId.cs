using System.Text.Json.Serialization;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Galleries;

/// <summary>A gallery's identity: the owning force and a name, written <c>FORCE/name</c>.</summary>
/// <remarks>The force is kept on the wire and in stored state as its string (field 0, as before it was typed), so
/// galleries stored earlier still read; <see cref="Force"/> hands it out as the <see cref="ForceId"/> it always is.</remarks>
[GenerateSerializer, Immutable, Alias("grid.GalleryId")]
public sealed record GalleryId
{
    public const int MaxNameLength = 64;

    [Id(0)]
    private readonly string _force;

    [JsonConstructor]
    public GalleryId(ForceId force, string name)
    {
        ArgumentNullException.ThrowIfNull(force);
        ArgumentNullException.ThrowIfNull(name);
        _force = force.Value;
        Name = name;
    }

    /// <summary>Parses the force; throws <see cref="ArgumentException"/> when it is not a force id.</summary>
    public GalleryId(string force, string name)
        : this(ForceId.Parse(force), name)
    {
    }

    public ForceId Force => ForceId.Parse(_force);

    [Id(1)]
    public string Name { get; }

    /// <summary>The grain key of the gallery and the prefix of its shards' keys.</summary>
    public string Key => $"{_force}/{Name}";

    /// <summary>Parses <c>FORCE/name</c>; throws <see cref="FormatException"/> or <see cref="ArgumentException"/>
    /// with the rule that failed.</summary>
    public static GalleryId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash != text.LastIndexOf('/') || slash == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not a gallery: write FORCE/NAME, e.g. DE-BKA/suspects.");
        }

        if (!ForceId.IsValid(text[..slash], out var problem))
        {
            throw new ArgumentException(problem);
        }

        var id = new GalleryId(text[..slash], text[(slash + 1)..]);
        id.Validate();
        return id;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule the name breaks.</summary>
    public void Validate()
    {
        if (!TryValidate(out var problems))
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
    }

    /// <summary>False, with every problem, when the force or the name breaks its rule.</summary>
    public bool TryValidate(out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        if (!ForceId.IsValid(_force, out var problem))
        {
            found.Add(problem);
        }

        if (Name.Length is 0 or > MaxNameLength || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            found.Add($"Gallery name '{Name}' is invalid: use 1-{MaxNameLength} characters from A-Z a-z 0-9 - _ .");
        }

        problems = found;
        return found.Count == 0;
    }

    public override string ToString() => Key;
}
