using System.CommandLine;
using Grid.Cli.Output;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl backup FORCE --out DIR</c> and <c>gridctl restore DIR [--force]</c> (operator): a force's backup
/// is one archive, <c>DIR/FORCE.grid-backup.tar</c>, written to a temporary name first and renamed once complete.</summary>
public static class BackupCommands
{
    public const string Suffix = ".grid-backup.tar";

    public static Command Backup()
    {
        var command = new Command("backup", "Back up one force (galleries, audit, agreements, users and keys) into DIR (operator).");
        var force = new Argument<string>("force") { Description = "The force, e.g. NL or DE-BKA." };
        var output = new Option<string>("--out") { Description = "Folder to write FORCE.grid-backup.tar into.", Required = true };
        var json = CommonOptions.Json();
        command.Arguments.Add(force);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var folder = Directory.CreateDirectory(parse.GetValue(output)!).FullName;
            var name = parse.GetValue(force)!;
            var path = Path.Combine(folder, name + Suffix);
            var partial = path + ".partial";
            try
            {
                await using (var file = File.Create(partial)) await client.BackupAsync(name, file, ct);
                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial); // a failed backup leaves nothing that looks like one
            }
            var bytes = new FileInfo(path).Length;
            if (parse.GetValue(json)) Json.WriteLine(new { force = name, file = path, bytes });
            else AnsiConsole.MarkupLine($"backed up {Markup.Escape(name)} to {Markup.Escape(path)} ({bytes:N0} bytes)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Restore()
    {
        var command = new Command("restore", "Restore a force from a backup folder (or archive) into this grid (operator).");
        var source = new Argument<string>("dir") { Description = "The folder holding one FORCE.grid-backup.tar, or the archive itself." };
        var overwrite = new Option<bool>("--force") { Description = "Replace the force if this grid already holds it." };
        var json = CommonOptions.Json();
        command.Arguments.Add(source);
        command.Options.Add(overwrite);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandRunner.WithClientAsync(parse, parse.GetValue(json), ct, async client =>
        {
            var path = Archive(parse.GetValue(source)!);
            await using var file = File.OpenRead(path);
            var summary = await client.RestoreAsync(file, parse.GetValue(overwrite), ct);
            if (parse.GetValue(json)) Json.WriteLine(summary);
            else AnsiConsole.MarkupLine($"restored {Markup.Escape(summary.Force)}: {summary.Galleries.Length} galleries, {summary.Blobs} blobs, " +
                                        $"{summary.Bytes:N0} bytes (backup of {summary.CreatedUtc:u}). Check it: gridctl audit verify");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Archive(string source)
    {
        if (File.Exists(source)) return source;
        if (!Directory.Exists(source)) throw new ArgumentException($"{source} is neither a backup archive nor a folder.");
        var found = Directory.GetFiles(source, "*" + Suffix);
        return found.Length == 1 ? found[0]
            : throw new ArgumentException($"{source} holds {found.Length} backup archives (*{Suffix}); name the one to restore.");
    }
}
