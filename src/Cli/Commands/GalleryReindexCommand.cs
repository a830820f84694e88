using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client;
using Grid.Protocol.Galleries;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>gridctl gallery reindex FORCE/NAME --engine E [--no-wait] [--json]</c>: moves a gallery to another engine. Each
/// shard builds the new index while the old one keeps serving; the command follows the shards' progress until every
/// one serves the new engine (one line per shard as it changes; with <c>--json</c> one object per line, then a summary).
/// Exit 0 when done (or nothing to do), 1 when a shard's build failed (the old engine still serves there).
/// </summary>
public static class GalleryReindexCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var reindex = new Command("reindex", "Move a gallery to another engine; the old index serves until each shard's new one is built (force admin or operator).");
        var name = CommonOptions.Gallery();
        var engine = new Option<string>("--engine") { Description = "The engine to move to: exact-int8, exact, exact-int8?rerank=float32|codes or faiss:FACTORY.", Required = true };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the builds started; follow them with gridctl status." };
        var json = CommonOptions.Json();
        reindex.Arguments.Add(name);
        reindex.Options.Add(engine);
        reindex.Options.Add(noWait);
        reindex.Options.Add(json);
        reindex.SetAction((parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
            {
                var id = GalleryId.Parse(parse.GetValue(name)!);
                var result = await client.ReindexAsync(id, parse.GetValue(engine)!, ct);
                if (asJson) Json.WriteLine(new { gallery = id.Key, result.From, result.To, result.ShardsStarted, result.Message });
                else AnsiConsole.MarkupLine(Markup.Escape(result.Message));
                if (result.ShardsStarted == 0 || parse.GetValue(noWait)) return ExitCodes.Ok;
                return await FollowAsync(client, id, result.To, asJson, ct);
            });
        });
        return reindex;
    }

    /// <summary>Polls the gallery's status, printing each shard's progress when it changes, until no shard builds.</summary>
    private static async Task<int> FollowAsync(GridClient client, GalleryId id, string target, bool asJson, CancellationToken ct)
    {
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            var status = await client.GetGalleryStatusAsync(id, ct);
            foreach (var shard in status.Shards)
            {
                var line = Describe(shard);
                if (shown.TryGetValue(shard.Key, out var last) && last == line) continue;
                shown[shard.Key] = line;
                if (asJson)
                    Json.WriteLine(new
                    {
                        shard = shard.Key,
                        engine = shard.Engine,
                        target = shard.Reindex?.Target,
                        done = shard.Reindex?.Done,
                        total = shard.Reindex?.Total,
                        running = shard.Reindex?.Running ?? false,
                        error = shard.Reindex?.Error
                    });
                else AnsiConsole.MarkupLine(Markup.Escape($"{shard.Key}: {line}"));
            }
            // A shard that does not answer (busy writing its snapshot after the swap, or its silo restarting) is not
            // done: keep following it.
            if (!status.Shards.Any(s => s.Reindex?.Running == true || s.Engine is null))
            {
                var failed = status.Shards.Where(s => s.Engine != target).ToArray();
                var seconds = Math.Round((DateTimeOffset.UtcNow - started).TotalSeconds, 1);
                if (asJson)
                    Json.WriteLine(new
                    {
                        gallery = id.Key,
                        engine = status.Info.Config.Engine,
                        engines = status.Engines,
                        shards = status.Shards.Length,
                        failed = failed.Length,
                        seconds
                    });
                else if (failed.Length == 0)
                    AnsiConsole.MarkupLine(Markup.Escape($"{id.Key}: every shard now serves {target} ({seconds} s)."));
                else
                    AnsiConsole.MarkupLine(Markup.Escape($"{id.Key}: {failed.Length} shard(s) still serve {string.Join(", ", failed.Select(f => f.Engine ?? "?").Distinct())}; " +
                                                         "their build failed (see above) and the old index kept serving. Run the re-index again to retry them."));
                return failed.Length == 0 ? ExitCodes.Ok : ExitCodes.Failed;
            }
            await Task.Delay(Poll, ct);
        }
    }

    private static string Describe(ShardStatus shard) => shard.Reindex switch
    {
        { Running: true } r => $"building {r.Target}: {r.Done:N0}/{r.Total:N0} rows ({(r.Total == 0 ? 100 : 100 * r.Done / r.Total)} %), {shard.Engine} serving",
        { Error: { } error } r => $"re-index to {r.Target} failed: {error}; {shard.Engine} serving",
        _ => $"serving {shard.Engine ?? "?"}" + (shard.Note is { } note ? $" ({note})" : ""),
    };
}
