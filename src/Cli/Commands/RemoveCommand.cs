using System.CommandLine;
using Grid.Cli.Output;
using Grid.Protocol.Galleries;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl remove FORCE/NAME SUBJECTREF</c>: removes every template of the subject, durably.</summary>
public static class RemoveCommand
{
    public static Command Create()
    {
        var command = new Command("remove", "Remove a subject and all its templates from a gallery.");
        var gallery = CommonOptions.Gallery();
        var subject = new Argument<string>("subjectRef") { Description = "The subject to remove." };
        var json = CommonOptions.Json();
        command.Arguments.Add(gallery);
        command.Arguments.Add(subject);
        command.Options.Add(json);
        command.SetAction((parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
            {
                var id = GalleryId.Parse(parse.GetValue(gallery)!);
                var subjectRef = parse.GetValue(subject)!;
                var removed = await client.RemoveAsync(id, subjectRef);
                if (asJson) Json.WriteLine(new { gallery = id.Key, subjectRef, templatesRemoved = removed });
                else if (removed == 0) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(subjectRef)} is not enrolled in {Markup.Escape(id.Key)}; nothing removed[/]");
                else AnsiConsole.MarkupLine($"removed {Markup.Escape(subjectRef)} from {Markup.Escape(id.Key)} ({removed} templates)");
                return removed == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
            });
        });
        return command;
    }
}
