using System.CommandLine;
using Grid.Cli.Output;
using Grid.Protocol.Galleries;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl shards rebalance [FORCE/NAME...]</c>: after silos joined, move shards to the silos placement
/// now prefers (each snapshots first, so it reloads quickly). Without galleries: every gallery the caller may see.</summary>
public static class ShardsCommand
{
    public static Command Create()
    {
        var shards = new Command("shards", "Shard placement.");
        var rebalance = new Command("rebalance", "Move shards to the silos placement prefers now (operator or force admin).");
        var galleries = new Argument<string[]>("galleries") { Arity = ArgumentArity.ZeroOrMore, Description = "FORCE/NAME ...; default: all you may see." };
        var json = CommonOptions.Json();
        rebalance.Arguments.Add(galleries);
        rebalance.Options.Add(json);
        rebalance.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var ids = parse.GetValue(galleries) is { Length: > 0 } named
                ? named.Select(GalleryId.Parse).ToArray()
                : (await client.GetStatusAsync()).Galleries.Select(g => g.Info.Id).ToArray();
            foreach (var id in ids)
            {
                var moved = await client.RebalanceAsync(id, ct);
                if (parse.GetValue(json)) Json.WriteLine(new { gallery = id.Key, moved });
                else AnsiConsole.MarkupLine($"{Markup.Escape(id.Key)}: {moved} shard(s) moved");
            }
            if (!parse.GetValue(json)) AnsiConsole.MarkupLine("gridctl status shows where each shard is now.");
            return ExitCodes.Ok;
        }));
        shards.Subcommands.Add(rebalance);
        return shards;
    }
}
