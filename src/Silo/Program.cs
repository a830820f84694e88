using Grid.Silo;
using Microsoft.Extensions.Hosting;

var options = SiloOptions.Parse(args);
var builder = Host.CreateApplicationBuilder(); // reads Grid__Security__ClusterSecret and other settings from the environment
builder.UseGridSilo(options);
using var host = builder.Build();
await host.RunAsync();
