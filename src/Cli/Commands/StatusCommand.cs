using System.CommandLine;
using Grid.Cli.Output;
using Grid.Protocol.Galleries;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl status [--json]</c>: silos, galleries, shards, templates per shard, memory.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the silos and every gallery's shards.");
        var json = CommonOptions.Json();
        command.Options.Add(json);
        command.SetAction((parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
            {
                var status = await client.GetStatusAsync(ct);
                if (asJson)
                {
                    Json.WriteLine(new
                    {
                        silos = status.Silos,
                        galleries = status.Galleries.Select(g => new
                        {
                            gallery = g.Info.Id.Key,
                            g.Info.Config.Engine,
                            g.Info.Config.ModelId,
                            g.Info.Config.Category,
                            g.Templates,
                            g.Subjects,
                            memoryBytes = g.Shards.Sum(s => s.MemoryBytes),
                            shards = g.Shards,
                        }),
                    });
                    return ExitCodes.Ok;
                }
                var silos = new Table().Title("silos").AddColumns("address", "status");
                foreach (var s in status.Silos) silos.AddRow(s.Address, s.Status);
                AnsiConsole.Write(silos);
                var shards = new Table().Title("galleries").AddColumns("gallery", "engine", "shard", "templates", "subjects", "memory MB", "silo");
                foreach (var g in status.Galleries)
                    foreach (var s in g.Shards)
                        shards.AddRow(g.Info.Id.Key, Markup.Escape(ShardEngine(s, g.Info.Config.Engine)), s.Key, s.Templates.ToString(), s.Subjects.ToString(),
                            (s.MemoryBytes / 1048576.0).ToString("0.0"), s.Silo);
                AnsiConsole.Write(shards);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>The engine a shard serves with now, and the one it builds while a re-index runs.</summary>
    private static string ShardEngine(ShardStatus shard, string configured) => (shard.Engine ?? configured) +
        (shard.Reindex is { Running: true } r ? $" → {r.Target} {r.Done * 100 / Math.Max(1, r.Total)} %" : "");
}
