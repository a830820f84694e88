using System.CommandLine;
using Grid.Cli.Commands;
using Grid.Client;
using Grid.Client.Files;
using Grid.Contracts.Errors;
using Grid.Contracts.Identity;
using Spectre.Console;

namespace Grid.Cli.Output;

/// <summary>Runs a command body with one client and turns every failure into a clear message and an exit code.</summary>
public static class CommandRunner
{
    public static async Task<int> WithClientAsync(ParseResult parse, bool json, CancellationToken cancellationToken, Func<GridClient, Task<int>> body)
    {
        try
        {
            var options = parse.GetValue(CommonOptions.KeyFile) is { } keyFile
                ? new GridClientOptions { ApiKey = ApiKeys.FromFile(keyFile) }
                : new GridClientOptions();
            await using var client = await GridClient.ConnectAsync(options, cancellationToken);
            return await body(client);
        }
        catch (Exception e)
        {
            return Report(e, json);
        }
    }

    public static int Report(Exception e, bool json)
    {
        var (code, kind) = e switch
        {
            GridUnavailableException => (ExitCodes.Unavailable, "unavailable"),
            BulkEnrolInterruptedException => (ExitCodes.Interrupted, "interrupted"),
            TemplateFileException or ArgumentException or FormatException or InvalidTemplateException or InvalidSubjectRefException
                or ModelMismatchException or GalleryNotFoundException or GalleryConflictException => (ExitCodes.BadInput, "bad-input"),
            OperationCanceledException => (ExitCodes.Interrupted, "cancelled"),
            GridAccessDeniedException or FileNotFoundException => (ExitCodes.Denied, "denied"),
            _ => (ExitCodes.Failed, "failed"),
        };
        if (json)
            Json.WriteLine(new { error = kind, code = (e as GridException)?.Code, message = e.Message });
        else
            AnsiConsole.Console.Write(new Markup($"[red]error ({kind}):[/] {Markup.Escape(e.Message)}\n"));
        return code;
    }
}
