using System.Net;
using Grid.Api.Hosting;
using Grid.Silo;
using Grid.Silo.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

var options = SiloOptions.Parse(args);
var tls = GridTls.Load(options.TlsCertificate, options.TlsKey, options.TlsAuthority);
// Reads Grid__Security__ClusterSecret, Grid__Api__* and other settings from the environment.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
builder.UseGridSilo(options, tls);
var telemetry = builder.AddGridTelemetry(options);
// One line per request would cost the search path and bury what matters: the door logs refusals itself.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.Services.AddGridApi();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    // The HTTPS API: the only way in for member forces. No plaintext listener serves it.
    if (options.ApiPort > 0)
        kestrel.Listen(options.AdvertiseIp is null ? IPAddress.Loopback : IPAddress.Any, options.ApiPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(tls.Certificate);
        });
    // The dashboard has no sign-in of its own: loopback only, and off unless asked for.
    if (options.DashboardPort > 0) kestrel.Listen(IPAddress.Loopback, options.DashboardPort);
    if (options.ApiPort <= 0 && options.DashboardPort <= 0) kestrel.Listen(IPAddress.Loopback, 0);
});
await using var app = builder.Build();
app.UseGridApi();
app.MapGridApi();
app.MapGridMetrics(telemetry);
if (options.DashboardPort > 0) app.MapOrleansDashboard();
await app.RunAsync();
