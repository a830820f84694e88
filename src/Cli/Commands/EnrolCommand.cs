using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client;
using Grid.Client.Files;
using Grid.Protocol.Galleries;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl enrol FORCE/NAME --templates FILE --subjects FILE [--batch N] [--skip N]</c></summary>
public static class EnrolCommand
{
    public static Command Create()
    {
        var command = new Command("enrol", "Enrol templates durably: each batch is acknowledged only once it is in its shards' logs.");
        var gallery = CommonOptions.Gallery();
        var templates = new Option<string>("--templates") { Description = ".npy (float32 [n,512]) or .fvecs file (or use --images/--labels)." };
        var subjects = new Option<string>("--subjects") { Description = "Text file, one subjectRef per line, line i for row i." };
        var batch = new Option<int>("--batch") { Description = "Rows per acknowledged batch.", DefaultValueFactory = _ => GridClient.DefaultBatchSize };
        var skip = new Option<int>("--skip") { Description = "Start at this row (resume an interrupted enrolment)." };
        var model = CommonOptions.Model();
        var json = CommonOptions.Json();
        command.Arguments.Add(gallery);
        foreach (var o in new Option[] { templates, subjects, batch, skip, model, json }) command.Options.Add(o);
        var photos = EnrolImagesOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            if (photos.Requested(parse)) return await photos.RunAsync(parse, parse.GetValue(gallery)!, parse.GetValue(skip), asJson, ct);
            GalleryId id;
            TemplateSet set;
            string[] refs;
            try
            {
                id = GalleryId.Parse(parse.GetValue(gallery)!);
                set = TemplateFiles.Read(parse.GetValue(templates) ?? throw new ArgumentException("Give --templates FILE --subjects FILE, or --images DIR / --labels CSV."));
                refs = SubjectFiles.Read(parse.GetValue(subjects) ?? throw new ArgumentException("--templates needs --subjects FILE."), set.Rows);
                if (parse.GetValue(batch) is < 1 or > 10_000) throw new ArgumentException("--batch must be between 1 and 10000.");
            }
            catch (Exception e)
            {
                return CommandRunner.Report(e, asJson);
            }
            return await CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
            {
                var start = parse.GetValue(skip);
                EnrolResult result;
                if (asJson)
                {
                    result = await client.EnrolBulkAsync(id, refs, set, parse.GetValue(model)!, parse.GetValue(batch), start, cancellationToken: ct);
                }
                else
                {
                    result = await AnsiConsole.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                        .StartAsync(async progress =>
                        {
                            var task = progress.AddTask($"enrol {id}", maxValue: set.Rows);
                            task.Value = start;
                            return await client.EnrolBulkAsync(id, refs, set, parse.GetValue(model)!, parse.GetValue(batch), start,
                                new Progress<int>(done => task.Value = done), ct);
                        });
                }
                if (asJson) Json.WriteLine(new { gallery = id.Key, rows = set.Rows - start, result.Added, result.AlreadyPresent });
                else AnsiConsole.MarkupLine($"enrolled into [bold]{Markup.Escape(id.Key)}[/]: {result.Added} templates added, {result.AlreadyPresent} already present");
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
