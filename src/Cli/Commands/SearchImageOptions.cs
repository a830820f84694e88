using System.CommandLine;
using Grid.Client.Faces;
using Grid.Client.Files;
using Grid.Faces.Imaging;
using Grid.Faces.Pipeline;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>
/// The photo side of <c>gridctl search</c>: <c>--image FILE [--face I]</c>. The face pipeline runs here and the probe
/// becomes a one-row template set with the pipeline's model id, so the search itself is the template search.
/// Kept apart from <see cref="SearchCommand"/>, which calls it through one hook.
/// </summary>
public sealed class SearchImageOptions
{
    private readonly Option<string?> image = new("--image") { Description = "Probe photo; the face is found and its template computed on this machine." };
    private readonly Option<string?> face = new("--face") { Description = "Which faces of the photo to search, by index: I or I,J (default: every face, one search each)." };
    private readonly Option<int> minQuality = new("--min-quality") { Description = "Leave out probe faces whose quality score (0-100) is below this.", DefaultValueFactory = _ => FaceSelection.DefaultMinQuality };

    /// <summary>The probe faces of the last <see cref="Read"/>, one per template row.</summary>
    public IReadOnlyList<ImageProbe> Probes { get; private set; } = [];

    public static SearchImageOptions AddTo(Command command)
    {
        var options = new SearchImageOptions();
        command.Options.Add(options.image);
        command.Options.Add(options.face);
        command.Options.Add(options.minQuality);
        return options;
    }

    public bool Requested(ParseResult parse) => parse.GetValue(image) is not null;

    /// <summary>The probe templates of the chosen faces (one row each, see <see cref="Probes"/>) and the model id they must be searched with.</summary>
    /// <exception cref="FaceSelectionException">No face, --face out of range, or every chosen face below --min-quality (lists the faces).</exception>
    public (TemplateSet Probe, string ModelId) Read(ParseResult parse, bool asJson)
    {
        var path = parse.GetValue(image)!;
        var indices = ParseIndices(parse.GetValue(face));
        using var pipeline = FacePipeline.Create();
        IReadOnlyList<(int Index, string Reason)> skipped;
        try
        {
            (Probes, skipped) = new FaceImageAnalyzer(pipeline).Probes(path, indices, parse.GetValue(minQuality));
        }
        catch (Exception e) when (e is ImageRejectedException or IOException or UnauthorizedAccessException)
        {
            // The caller's file is at fault, not the grid: report it as bad input.
            throw new ArgumentException($"{path}: {e.Message}", e);
        }
        if (!asJson)
        {
            foreach (var probe in Probes)
                AnsiConsole.MarkupLine($"probe: {Markup.Escape(path)}, {Markup.Escape(FaceSummary.From(probe.Face, probe.FaceIndex).Describe())} ({probe.FacesInImage} in the photo)");
            foreach (var (_, reason) in skipped)
                AnsiConsole.MarkupLine($"[yellow]not searched: {Markup.Escape(reason)}[/]");
        }
        return (new TemplateSet(Probes.SelectMany(p => p.Template).ToArray(), Probes.Count), Probes[0].ModelId);
    }

    /// <summary>The face a template row came from, for labelling results (null for template-file probes).</summary>
    public ImageProbe? ProbeOf(int row) => row < Probes.Count ? Probes[row] : null;

    private static int[]? ParseIndices(string? text) => text is null ? null
        : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i)
                ? i : throw new ArgumentException($"--face {text}: give face indices such as 0 or 0,2."))
            .ToArray();
}
