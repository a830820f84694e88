using System.CommandLine;
using Grid.Cli.Commands;
using Spectre.Console;

// Piped or logged output has no terminal width; tables then get a readable width instead of 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;

var root = new RootCommand("gridctl — the Identity Search Grid's command line. Results are candidate lists for human review, never identifications.");
root.Options.Add(CommonOptions.KeyFile);
root.Options.Add(CommonOptions.Endpoint);
root.Options.Add(CommonOptions.CaFile);
root.Options.Add(CommonOptions.ClientCert);
root.Options.Add(CommonOptions.ClientKey);
root.Subcommands.Add(GalleryCommands.Create());
root.Subcommands.Add(EnrolCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(RemoveCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(SynthCommand.Create());
root.Subcommands.Add(ForceCommands.Create());
root.Subcommands.Add(UserCommands.Create());
root.Subcommands.Add(AgreementCommands.Create());
root.Subcommands.Add(CaseCommands.Create());
root.Subcommands.Add(FollowUpCommands.Create());
root.Subcommands.Add(SubjectCommands.Create());
root.Subcommands.Add(AuditCommands.Create());
root.Subcommands.Add(AuditCommands.Stats());
root.Subcommands.Add(OffencesCommand.Create());
root.Subcommands.Add(ShardsCommand.Create());
root.Subcommands.Add(BackupCommands.Backup());
root.Subcommands.Add(BackupCommands.Restore());
root.Subcommands.Add(TemplateCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(EvalFacesCommand.Create());
return await root.Parse(args).InvokeAsync();
