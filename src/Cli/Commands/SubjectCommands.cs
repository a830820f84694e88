using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client;
using Grid.Protocol.Galleries;
using Grid.Protocol.Review;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl subject core-data set|show</c>, <c>gridctl subject image set</c>: what the owner keeps about a subject
/// besides its templates, in its own storage, never searched or indexed.</summary>
public static class SubjectCommands
{
    public static Command Create()
    {
        var command = new Command("subject", "A subject's core data and reference image (owner only; never searched).");
        var coreData = new Command("core-data", "Core data released only through a follow-up: names, date of birth, nationality...");
        coreData.Subcommands.Add(SetCoreData());
        coreData.Subcommands.Add(ShowCoreData());
        var image = new Command("image", "The reference face image partners may see where an agreement shares images.");
        image.Subcommands.Add(SetImage());
        command.Subcommands.Add(coreData);
        command.Subcommands.Add(image);
        return command;
    }

    private static Command SetCoreData()
    {
        var command = new Command("set", "Set a subject's core data (enroller of the owner force).");
        var gallery = CommonOptions.Gallery();
        var subject = SubjectRef();
        var names = new Option<string[]>("--name") { Description = "A name (repeat for several).", Required = true, AllowMultipleArgumentsPerToken = false };
        var aliases = new Option<string[]>("--alias") { Description = "An alias (repeat for several)." };
        var born = new Option<DateOnly?>("--born") { Description = "Date of birth, YYYY-MM-DD." };
        var nationality = new Option<string>("--nationality") { Description = "ISO 3166 code, XXX if unknown.", DefaultValueFactory = _ => "XXX" };
        var sex = new Option<string>("--sex") { Description = "F, M, X or U.", DefaultValueFactory = _ => "U" };
        var capturedOn = new Option<DateOnly?>("--captured-on") { Description = "Date the reference data was captured, YYYY-MM-DD." };
        var capturedAt = new Option<string>("--captured-at") { Description = "Place of capture.", DefaultValueFactory = _ => "" };
        var offence = new Option<string>("--offence") { Description = "The offence the record concerns.", DefaultValueFactory = _ => "" };
        var caseNumber = new Option<string>("--case-number") { Description = "Your case number.", Required = true };
        var authority = new Option<string>("--authority") { Description = "The authority holding the record.", Required = true };
        var json = CommonOptions.Json();
        command.Arguments.Add(gallery);
        command.Arguments.Add(subject);
        foreach (var o in new Option[] { names, aliases, born, nationality, sex, capturedOn, capturedAt, offence, caseNumber, authority, json }) command.Options.Add(o);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var id = GalleryId.Parse(parse.GetValue(gallery)!);
            var data = new SubjectCoreData(parse.GetValue(names) ?? [], parse.GetValue(aliases) ?? [], parse.GetValue(born), parse.GetValue(nationality)!,
                parse.GetValue(sex)!, parse.GetValue(capturedOn), parse.GetValue(capturedAt), parse.GetValue(offence), parse.GetValue(caseNumber)!, parse.GetValue(authority)!);
            await client.SetCoreDataAsync(id, parse.GetValue(subject)!, data, ct);
            if (parse.GetValue(json)) Json.WriteLine(new { gallery = id.Key, subjectRef = parse.GetValue(subject), coreData = "set" });
            else AnsiConsole.MarkupLine($"core data set for {Markup.Escape(parse.GetValue(subject)!)} in {Markup.Escape(id.Key)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ShowCoreData()
    {
        var command = new Command("show", "Show a subject's core data (enroller or reviewer of the owner force).");
        var gallery = CommonOptions.Gallery();
        var subject = SubjectRef();
        var json = CommonOptions.Json();
        command.Arguments.Add(gallery);
        command.Arguments.Add(subject);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var id = GalleryId.Parse(parse.GetValue(gallery)!);
            var data = await client.GetCoreDataAsync(id, parse.GetValue(subject)!, ct);
            if (data is null)
            {
                if (parse.GetValue(json)) Json.WriteLine(new { gallery = id.Key, subjectRef = parse.GetValue(subject), coreData = (object?)null });
                else AnsiConsole.MarkupLine($"[yellow]no core data recorded for {Markup.Escape(parse.GetValue(subject)!)}[/]");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(json)) Json.WriteLine(data);
            else
                AnsiConsole.MarkupLine($"{Markup.Escape(string.Join(" / ", data.Names))}{(data.Aliases is { Length: > 0 } a ? $" (alias {Markup.Escape(string.Join(", ", a))})" : "")}, " +
                                       $"born {data.DateOfBirth?.ToString("yyyy-MM-dd") ?? "?"}, {Markup.Escape(data.Nationality)}, sex {Markup.Escape(data.Sex)}; captured " +
                                       $"{data.CapturedOn?.ToString("yyyy-MM-dd") ?? "?"} at {Markup.Escape(data.CapturedAt ?? "?")}; {Markup.Escape(data.Offence ?? "")}; " +
                                       $"case {Markup.Escape(data.CaseNumber)}, {Markup.Escape(data.Authority)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command SetImage()
    {
        var command = new Command("set", "Attach a reference face image (JPEG or PNG) to an enrolled subject (enroller of the owner force).");
        var gallery = CommonOptions.Gallery();
        var subject = SubjectRef();
        var file = new Argument<FileInfo>("image") { Description = "The JPEG or PNG file (checked by its bytes, not its name)." };
        var json = CommonOptions.Json();
        command.Arguments.Add(gallery);
        command.Arguments.Add(subject);
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var id = GalleryId.Parse(parse.GetValue(gallery)!);
            var bytes = await File.ReadAllBytesAsync(parse.GetValue(file)!.FullName, ct);
            await client.SetSubjectImageAsync(id, parse.GetValue(subject)!, bytes, ct);
            var type = GridImage.Sniff(bytes);
            if (parse.GetValue(json)) Json.WriteLine(new { gallery = id.Key, subjectRef = parse.GetValue(subject), contentType = type, bytes = bytes.Length });
            else AnsiConsole.MarkupLine($"reference image set for {Markup.Escape(parse.GetValue(subject)!)} in {Markup.Escape(id.Key)} ({type}, {bytes.Length} bytes)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Argument<string> SubjectRef() => new("subjectRef") { Description = "The subject, as enrolled." };
}
