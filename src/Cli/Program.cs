using System.CommandLine;
using Grid.Cli.Commands;

var root = new RootCommand("gridctl — the Identity Search Grid's command line. Results are candidate lists for human review, never identifications.");
root.Subcommands.Add(GalleryCommands.Create());
root.Subcommands.Add(EnrolCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(RemoveCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(SynthCommand.Create());
root.Subcommands.Add(TemplateCommand.Create());
root.Subcommands.Add(EvalFacesCommand.Create());
return await root.Parse(args).InvokeAsync();
