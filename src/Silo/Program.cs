using Grid.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Orleans.Dashboard;

var options = SiloOptions.Parse(args);
// Reads Grid__Security__ClusterSecret and other settings from the environment; hosts the dashboard.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
builder.UseGridSilo(options);
if (options.DashboardPort > 0) builder.WebHost.UseUrls($"http://127.0.0.1:{options.DashboardPort}");
else builder.WebHost.UseUrls("http://127.0.0.1:0");
await using var app = builder.Build();
if (options.DashboardPort > 0) app.MapOrleansDashboard();
await app.RunAsync();
