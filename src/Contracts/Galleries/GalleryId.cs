using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Galleries;

/// <summary>A gallery's identity: the owning force and a name, written <c>FORCE/name</c>.</summary>
/// <remarks>The force is stored as its string, as before it was typed: field 0 for the Orleans serializer and
/// <c>"Force"</c> in JSON (<see cref="GalleryIdJsonConverter"/>; <c>[DataMember]</c> for Newtonsoft), so galleries and agreement terms stored earlier still read.
/// <see cref="Force"/> hands it out as the <see cref="ForceId"/> it always is. The one constructor takes a string or
/// a <see cref="ForceId"/> (through its conversion to string), which is also what JSON readers call.</remarks>
[GenerateSerializer, Immutable, Alias("grid.GalleryId")]
[DataContract]
[JsonConverter(typeof(GalleryIdJsonConverter))]
public sealed record GalleryId
{
    public const int MaxNameLength = 64;

    [Id(0)]
    [DataMember(Name = "Force")]
    private readonly string _force;

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="force"/> is not a force id; the name is
    /// checked by <see cref="Validate"/>, so a bad one can still be named in an error.</summary>
    public GalleryId(string force, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _force = ForceId.Parse(force).Value;
        Name = name;
    }

    public ForceId Force => ForceId.Parse(_force);

    [Id(1)]
    [DataMember(Name = "Name")]
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
        else if (!char.IsAsciiLetterOrDigit(Name[0]) || Name.Contains("..", StringComparison.Ordinal))
        {
            // Names become blob paths: '.', '..', '.hidden' or 'a..b' could land outside the force's own folder.
            found.Add($"Gallery name '{Name}' is invalid: it must start with a letter or digit and may not contain '..' (no path-like names).");
        }

        problems = found;
        return found.Count == 0;
    }

    public override string ToString() => Key;
}
