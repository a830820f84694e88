using System.CommandLine;
using Grid.Cli.Output;
using Grid.Client.Faces;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary><c>gridctl gallery create FORCE/NAME [--engine exact-int8|exact|faiss:FACTORY] [--shards N] [--category C] [--model M]</c>
/// and <c>gridctl gallery reindex</c> (<see cref="GalleryReindexCommand"/>).</summary>
public static class GalleryCommands
{
    public static Command Create()
    {
        var gallery = new Command("gallery", "Create and inspect galleries.");
        var create = new Command("create", "Create a gallery (idempotent for the same settings).");
        var name = CommonOptions.Gallery();
        var engine = new Option<string>("--engine") { Description = "exact-int8 (default), exact, or faiss:FACTORY, e.g. faiss:IDMap2,Flat or faiss:IVF1024,Flat", DefaultValueFactory = _ => GalleryConfig.DefaultEngine };
        var shards = new Option<int>("--shards") { Description = "Number of shards.", DefaultValueFactory = _ => 4 };
        var category = new Option<SubjectCategory>("--category") { Description = "Subject category the gallery holds.", DefaultValueFactory = _ => SubjectCategory.Suspect };
        var model = CommonOptions.Model();
        var faces = new Option<bool>("--faces") { Description = "For photo templates: record the model id of this machine's face models (instead of --model)." };
        var json = CommonOptions.Json();
        create.Arguments.Add(name);
        create.Options.Add(faces);
        create.Options.Add(engine);
        create.Options.Add(shards);
        create.Options.Add(category);
        create.Options.Add(model);
        create.Options.Add(json);
        create.SetAction((parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            return CommandRunner.WithClientAsync(parse, asJson, ct, async client =>
            {
                var id = GalleryId.Parse(parse.GetValue(name)!);
                var config = new GalleryConfig(parse.GetValue(engine)!, parse.GetValue(shards),
                    parse.GetValue(faces) ? FaceGridClient.LocalModelId() : parse.GetValue(model)!, parse.GetValue(category));
                var info = await client.CreateGalleryAsync(id, config);
                if (asJson) Json.WriteLine(new { gallery = info.Id.Key, info.Config.Engine, info.Config.ShardCount, info.Config.ModelId, info.Config.Category, info.CreatedAt });
                else AnsiConsole.MarkupLine($"gallery [bold]{Markup.Escape(info.Id.Key)}[/]: engine {Markup.Escape(info.Config.Engine)}, {info.Config.ShardCount} shards, model {Markup.Escape(info.Config.ModelId)}, category {info.Config.Category}");
                return ExitCodes.Ok;
            });
        });
        gallery.Subcommands.Add(create);
        gallery.Subcommands.Add(GalleryReindexCommand.Create());
        return gallery;
    }
}
