using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client;
using Grid.Client.Faces;
using Grid.Client.Files;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl search [FORCE/NAME,...] --probe FILE --purpose P --case C --category S --justification J
/// [--partners F,...] [--k 10] [--min-score S] [--concurrency N] [--json]</c>: one search per probe row; each result is a candidate list
/// for an examiner, with its coverage and the galleries refused. Without galleries the scope is the caller's own
/// galleries plus every partner gallery an active agreement covers for the purpose. With <c>--concurrency N</c> up to N
/// searches are in flight, answers print as they come (each names its probe row), a failed search is reported and the
/// rest go on, and a final summary line gives probes, seconds, searches/s, p50, p99 and failures (exit code 1 if any).</summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var command = new Command("search", "Search galleries with probe templates; prints ranked candidates for human review.");
        var galleries = new Argument<string?>("galleries")
        {
            Description = "Comma-separated galleries, FORCE/NAME[,FORCE/NAME...]; omit for your own plus your partners' covered galleries.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var partners = new Option<string?>("--partners") { Description = "Limit the default scope to these partner forces (comma-separated; 'none' for own galleries only)." };
        var purpose = new PurposeOptions();
        var probe = new Option<string>("--probe") { Description = ".npy or .fvecs file; each row is one search (or use --image)." };
        var k = new Option<int>("--k") { Description = "Candidates per search.", DefaultValueFactory = _ => 10 };
        var minScore = new Option<float>("--min-score") { Description = "Drop candidates scoring below this cosine similarity.", DefaultValueFactory = _ => -1f };
        var deadline = new Option<int>("--deadline-ms") { Description = "Shards that have not answered by then are reported, not waited for.", DefaultValueFactory = _ => SearchRequest.DefaultDeadlineMs };
        var concurrency = new Option<int?>("--concurrency")
        {
            Description = $"Keep up to N searches in flight (1-{ConcurrentSearch.MaxConcurrency}); prints a summary line (probes, seconds, searches/s, p50, p99, failures).",
        };
        var model = CommonOptions.Model();
        var json = CommonOptions.Json();
        command.Arguments.Add(galleries);
        foreach (var o in new Option[] { probe, k, minScore, deadline, partners, concurrency, model, json }) command.Options.Add(o);
        purpose.AddTo(command);
        var image = SearchImageOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            GalleryId[] ids;
            TemplateSet probes;
            var modelId = parse.GetValue(model)!;
            try
            {
                ids = (parse.GetValue(galleries) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(GalleryId.Parse).ToArray();
                if (image.Requested(parse)) (probes, modelId) = image.Read(parse, asJson);
                else probes = TemplateFiles.Read(parse.GetValue(probe) ?? throw new ArgumentException("Give --probe FILE or --image FILE."));
            }
            catch (Exception e)
            {
                return CommandRunner.Report(e, asJson);
            }
            if (parse.GetValue(concurrency) is { } inFlight)
            {
                if (inFlight is < 1 or > ConcurrentSearch.MaxConcurrency)
                    return CommandRunner.Report(new ArgumentException($"--concurrency must be between 1 and {ConcurrentSearch.MaxConcurrency}, not {inFlight}."), asJson);
                var requests = Enumerable.Range(0, probes.Rows).Select(row => new SearchRequest(ids, probes.Row(row).ToArray(), purpose.Read(parse), modelId,
                    parse.GetValue(k), parse.GetValue(minScore), parse.GetValue(deadline), PartnerList(parse.GetValue(partners)))).ToArray();
                return await CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
                {
                    var summary = await ConcurrentSearch.RunAsync(client, requests, inFlight, (row, result, error) =>
                    {
                        if (result is not null && asJson) WriteJson(row, result, image.ProbeOf(row));
                        else if (result is not null) WriteTable(row, result, image.ProbeOf(row));
                        else WriteFailure(row, error!, asJson);
                    }, ct);
                    WriteSummary(summary, asJson);
                    return summary.Failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
                });
            }

            return await CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
            {
                for (var row = 0; row < probes.Rows; row++)
                {
                    var request = new SearchRequest(ids, probes.Row(row).ToArray(), purpose.Read(parse), modelId, parse.GetValue(k),
                        parse.GetValue(minScore), parse.GetValue(deadline), PartnerList(parse.GetValue(partners)));
                    var result = await client.SearchAsync(request, ct);
                    var face = image.ProbeOf(row);
                    if (asJson) WriteJson(row, result, face);
                    else WriteTable(row, result, face);
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static string[]? PartnerList(string? text) => text switch
    {
        null => null,
        "none" => [],
        _ => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    private static void WriteJson(int row, TimedSearch result, ImageProbe? face)
    {
        var coverage = result.Response.Coverage;
        Json.WriteLine(new
        {
            probe = row,
            searchId = result.Response.SearchId,
            face = ProbeFaceJson.Of(face),
            candidates = result.Response.Candidates,
            coverage = new { coverage.Asked, coverage.Answered, coverage.Failed, coverage.TimedOut, shards = coverage.Shards.Where(s => s.Outcome != ShardOutcome.Answered) },
            refused = result.Response.Refusals.Select(r => new { gallery = r.Gallery.Key, reason = r.Reason, message = r.Message }),
            latencyMs = Math.Round(result.LatencyMs, 3),
        });
    }

    private static void WriteFailure(int row, Exception error, bool asJson)
    {
        var code = (error as GridException)?.Code;
        if (asJson) Json.WriteLine(new { probe = row, error = "failed", code, message = error.Message });
        else AnsiConsole.MarkupLine($"[red]probe {row} failed{(code is null ? "" : $" ({Markup.Escape(code)})")}: {Markup.Escape(error.Message)}[/]");
    }

    private static void WriteSummary(ConcurrentSearchSummary s, bool asJson)
    {
        if (asJson)
            Json.WriteLine(new
            {
                summary = true,
                probes = s.Probes,
                concurrency = s.Concurrency,
                seconds = Math.Round(s.Seconds, 3),
                searchesPerSecond = Math.Round(s.SearchesPerSecond, 2),
                p50Ms = Math.Round(s.P50Ms, 3),
                p99Ms = Math.Round(s.P99Ms, 3),
                failures = s.Failures,
            });
        else
            AnsiConsole.MarkupLine($"{s.Probes} searches, {s.Concurrency} in flight: {s.Seconds:0.00} s, {s.SearchesPerSecond:0.0} searches/s, " +
                $"p50 {s.P50Ms:0.0} ms, p99 {s.P99Ms:0.0} ms, {s.Failures} failed");
    }

    private static void WriteTable(int row, TimedSearch result, ImageProbe? face)
    {
        var coverage = result.Response.Coverage;
        var table = new Table().Title($"{(face is null ? $"probe {row}" : $"face {face.FaceIndex} (quality {face.Face.Quality.Score})")}: candidates for review ({result.LatencyMs:0.0} ms, {coverage.Answered}/{coverage.Asked} shards)");
        table.AddColumns("rank", "force", "gallery", "subjectRef", "score", "false-match rate");
        foreach (var c in result.Response.Candidates)
            table.AddRow(c.Rank.ToString(), c.Force, c.Gallery, Markup.Escape(c.SubjectRef), c.Score.ToString("0.0000"), Markup.Escape(FalseMatchText.Of(c)));
        AnsiConsole.Write(table);
        foreach (var shard in coverage.Shards.Where(s => s.Outcome != ShardOutcome.Answered))
            AnsiConsole.MarkupLine($"[yellow]shard {Markup.Escape(shard.Shard)} {shard.Outcome}: {Markup.Escape(shard.Error ?? "")}[/]");
        if (result.Response.SearchId is { } id) AnsiConsole.MarkupLine($"review case [bold]{id}[/]: gridctl case show {id}");
        foreach (var refusal in result.Response.Refusals)
            AnsiConsole.MarkupLine($"[red]not searched: {Markup.Escape(refusal.Gallery.Key)} — {Markup.Escape(refusal.Reason)} ({Markup.Escape(refusal.Message)})[/]");
    }
}
