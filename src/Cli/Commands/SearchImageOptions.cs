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
    private readonly Option<int?> face = new("--face") { Description = "Which face of a photo with several (the index listed when the search is refused)." };

    public static SearchImageOptions AddTo(Command command)
    {
        var options = new SearchImageOptions();
        command.Options.Add(options.image);
        command.Options.Add(options.face);
        return options;
    }

    public bool Requested(ParseResult parse) => parse.GetValue(image) is not null;

    /// <summary>The probe template of the chosen face and the model id it must be searched with.</summary>
    /// <exception cref="FaceSelectionException">No face, or several and no --face, or --face out of range (lists the faces).</exception>
    public (TemplateSet Probe, string ModelId) Read(ParseResult parse, bool asJson)
    {
        var path = parse.GetValue(image)!;
        using var pipeline = FacePipeline.Create();
        ImageProbe probe;
        try
        {
            probe = new FaceImageAnalyzer(pipeline).Probe(path, parse.GetValue(face));
        }
        catch (Exception e) when (e is ImageRejectedException or IOException or UnauthorizedAccessException)
        {
            // The caller's file is at fault, not the grid: report it as bad input.
            throw new ArgumentException($"{path}: {e.Message}", e);
        }
        if (!asJson)
            AnsiConsole.MarkupLine($"probe: {Markup.Escape(path)}, {Markup.Escape(FaceSummary.From(probe.Face, probe.FaceIndex).Describe())} ({probe.FacesInImage} in the photo)");
        return (new TemplateSet(probe.Template, 1), probe.ModelId);
    }
}
