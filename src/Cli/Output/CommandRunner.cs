using Grid.Client;
using Grid.Client.Files;
using Grid.Contracts.Errors;
using Spectre.Console;

namespace Grid.Cli.Output;

/// <summary>Runs a command body with one client and turns every failure into a clear message and an exit code.</summary>
public static class CommandRunner
{
    public static async Task<int> WithClientAsync(bool json, CancellationToken cancellationToken, Func<GridClient, Task<int>> body)
    {
        try
        {
            await using var client = await GridClient.ConnectAsync(cancellationToken: cancellationToken);
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
            TemplateFileException or ArgumentException or InvalidTemplateException or InvalidSubjectRefException
                or ModelMismatchException or GalleryNotFoundException or GalleryConflictException => (ExitCodes.BadInput, "bad-input"),
            OperationCanceledException => (ExitCodes.Interrupted, "cancelled"),
            _ => (ExitCodes.Failed, "failed"),
        };
        if (json)
            Json.WriteLine(new { error = kind, message = e.Message });
        else
            AnsiConsole.Console.Write(new Markup($"[red]error ({kind}):[/] {Markup.Escape(e.Message)}\n"));
        return code;
    }
}
