using System.CommandLine;
using System.Globalization;
using Grid.Cli.Output;
using Grid.Client;
using Grid.Client.Faces;
using Grid.Faces.Pipeline;
using Grid.Protocol.Galleries;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>
/// The photo side of <c>gridctl enrol</c>: <c>--images DIR</c> (one sub-folder per subject, named by its subjectRef)
/// or <c>--labels CSV</c> (<c>path,subjectRef</c>). The face pipeline runs here; only templates go to the grid.
/// Photos are taken in a fixed order (folders and files by name, CSV lines as written), so <c>--skip N</c> resumes.
/// Kept apart from <see cref="EnrolCommand"/>, which calls it through one hook.
/// </summary>
public sealed class EnrolImagesOptions
{
    private readonly Option<string?> images = new("--images") { Description = "Folder of photos, one sub-folder per subject named by its subjectRef (or the base folder of --labels paths)." };
    private readonly Option<string?> labels = new("--labels") { Description = "CSV of path,subjectRef (header optional); relative paths from --images, else from the CSV's folder." };
    // Its own option rather than --batch: --batch's default suits template files, and photos are far slower to
    // prepare, so smaller batches keep acknowledgements (and the resumable point) frequent.
    private readonly Option<int> photoBatch = new("--photo-batch") { Description = "Photos per acknowledged batch.", DefaultValueFactory = _ => FaceGridClient.DefaultImageBatchSize };
    private readonly Option<float> minEyes = new("--min-eye-distance") { Description = "Skip faces with fewer pixels between the eyes.", DefaultValueFactory = _ => FaceSelection.DefaultMinInterEyePixels };
    private readonly Option<int> minQuality = new("--min-quality") { Description = "Skip faces whose quality score (0-100) is below this.", DefaultValueFactory = _ => FaceSelection.DefaultMinQuality };

    /// <summary>Adds the photo options to the enrol command.</summary>
    public static EnrolImagesOptions AddTo(Command command)
    {
        var options = new EnrolImagesOptions();
        command.Options.Add(options.images);
        command.Options.Add(options.labels);
        command.Options.Add(options.photoBatch);
        command.Options.Add(options.minEyes);
        command.Options.Add(options.minQuality);
        return options;
    }

    public bool Requested(ParseResult parse) => parse.GetValue(images) is not null || parse.GetValue(labels) is not null;

    public async Task<int> RunAsync(ParseResult parse, string galleryText, int skip, bool asJson, CancellationToken ct)
    {
        GalleryId id;
        IReadOnlyList<LabelledImage> photos;
        try
        {
            id = GalleryId.Parse(galleryText);
            var labelsPath = parse.GetValue(labels);
            photos = labelsPath is null ? ImageLabels.FromFolders(parse.GetValue(images)!) : ImageLabels.FromCsv(labelsPath, parse.GetValue(images));
            if (parse.GetValue(photoBatch) is < 1 or > 10_000) throw new ArgumentException("--photo-batch must be between 1 and 10000.");
        }
        catch (Exception e)
        {
            return CommandRunner.Report(e, asJson);
        }
        return await CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
        {
            using var pipeline = FacePipeline.Create();
            var faces = new FaceGridClient(client, pipeline);
            var minEyeDistance = parse.GetValue(minEyes);
            var batchSize = parse.GetValue(photoBatch);
            var qualityFloor = parse.GetValue(minQuality);
            var summary = asJson
                ? await faces.EnrolImagesAsync(id, photos, batchSize, skip, minEyeDistance, cancellationToken: ct, minQuality: qualityFloor)
                : await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"enrol photos into {id}", maxValue: photos.Count);
                        task.Value = skip;
                        return await faces.EnrolImagesAsync(id, photos, batchSize, skip, minEyeDistance, new Progress<ImageEnrolmentRecord>(_ => task.Increment(1)), ct, qualityFloor);
                    });
            if (asJson) WriteJson(id, summary);
            else WriteTable(id, summary);
            return ExitCodes.Ok;
        });
    }

    private static void WriteJson(GalleryId id, ImageEnrolmentSummary summary) => Json.WriteLine(new
    {
        gallery = id.Key,
        images = summary.Images,
        enrolled = summary.Enrolled,
        skipped = Enum.GetValues<ImageOutcome>().Where(o => o != ImageOutcome.Enrolled).ToDictionary(o => JsonName(o), summary.Count),
        added = summary.Grid.Added,
        alreadyPresent = summary.Grid.AlreadyPresent,
        skippedFiles = summary.Skipped.Select(r => new { path = r.Image.Path, subjectRef = r.Image.SubjectRef, outcome = r.Outcome, reason = r.Reason }),
    });

    private static string JsonName(ImageOutcome outcome) => char.ToLowerInvariant(outcome.ToString()[0]) + outcome.ToString()[1..];

    private static void WriteTable(GalleryId id, ImageEnrolmentSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine(string.Create(c,
            $"[bold]{Markup.Escape(id.Key)}[/]: {summary.Enrolled} of {summary.Images} photos enrolled ({summary.Grid.Added} templates added, {summary.Grid.AlreadyPresent} already present); " +
            $"skipped: {summary.Count(ImageOutcome.NoFace)} no face, {summary.Count(ImageOutcome.SeveralFaces)} several faces, " +
            $"{summary.Count(ImageOutcome.TooSmall)} too small, {summary.Count(ImageOutcome.LowQuality)} low quality, {summary.Count(ImageOutcome.Unreadable)} unreadable"));
        if (summary.Skipped.Count == 0) return;
        var table = new Table().Title("skipped photos").AddColumns("path", "subjectRef", "outcome", "reason");
        foreach (var r in summary.Skipped)
            table.AddRow(Markup.Escape(r.Image.Path), Markup.Escape(r.Image.SubjectRef), r.Outcome.ToString(), Markup.Escape(r.Reason ?? ""));
        AnsiConsole.Write(table);
    }
}
