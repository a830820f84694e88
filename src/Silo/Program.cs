using System.Net;
using Grid.Api.Hosting;
using Grid.Silo;
using Grid.Silo.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

if (args is ["--help"] or ["-h"])
{
    Console.Write(SiloSettings.Help());
    return 0;
}
if (args is ["--settings-markdown"]) // the table in docs/OPERATIONS.md, generated here so it cannot drift
{
    SiloSettings.CheckComplete();
    Console.Write(SiloSettings.MarkdownTable());
    return 0;
}
if (SiloSettings.CheckArguments(args) is { } wrong)
{
    Console.Error.WriteLine($"error: {wrong}");
    return 2;
}
// appsettings.json beside the binary, then the environment (Grid__…, then the GRID_ variables), then the command line.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(SiloSettings.FromGridVariables());
builder.Configuration.AddCommandLine(args, SiloSettings.SwitchMappings());
SiloOptions options;
try
{
    options = SiloSettings.Load(builder.Configuration);
}
catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
{
    // A wrong or missing setting stops the silo here, before it touches storage or the network.
    var failures = e is OptionsValidationException invalid ? invalid.Failures : [e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}"];
    Console.Error.WriteLine("error: the silo's settings are not valid (Grid.Silo --help lists them):");
    foreach (var failure in failures) Console.Error.WriteLine($"  {failure}");
    return 2;
}
var tls = GridTls.Load(options.TlsCertificate, options.TlsKey, options.TlsAuthority);
builder.Services.AddSiloOptions(builder.Configuration);
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
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = tls.Certificate,
                // Optional client certificates (a force's, docs/SECURITY.md): only ones the grid's CA issued get through
                // the handshake; which force one names, and whether a force requires it, the API's sign-in checks.
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (certificate, _, _) => tls.IsIssuedByGrid(certificate),
            });
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
return 0;
