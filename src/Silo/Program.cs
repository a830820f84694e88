using Grid.Silo;
using Microsoft.Extensions.Hosting;

var options = SiloOptions.Parse(args);
var builder = Host.CreateApplicationBuilder();
builder.UseGridSilo(options);
using var host = builder.Build();
await host.RunAsync();
