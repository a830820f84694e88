using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grid.Client;
using Grid.Portal.Search;
using Grid.Portal.Sessions;

namespace Grid.Portal.Hosting;

/// <summary>Builds the portal's web application: HTTPS only, server-side sessions, antiforgery on every form.</summary>
public static class PortalApp
{
    /// <summary>Antiforgery's cookie; <c>__Host-</c> makes the browser insist on Secure, path / and no domain.</summary>
    public const string AntiforgeryCookie = "__Host-grid-portal-af";

    public static WebApplication Build(PortalOptions options)
    {
        foreach (var (file, what) in new[] { (options.CertificateFile, "portal certificate"), (options.KeyFile, "portal key"), (options.CaFile, "grid CA certificate") })
            if (!File.Exists(file))
                throw new FileNotFoundException($"The {what} {file} does not exist: ./grid.sh up makes keys/portal.crt, keys/portal.key and keys/ca.crt " +
                    "in the data folder; elsewhere set --cert/--key (GRID_PORTAL_CERT/GRID_PORTAL_KEY) and --ca-file (GRID_CA_FILE).", file);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = options.ContentRoot ?? AppContext.BaseDirectory,
            WebRootPath = Path.Combine(options.ContentRoot ?? AppContext.BaseDirectory, "wwwroot"),
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
        });
        var certificate = X509Certificate2.CreateFromPemFile(options.CertificateFile, options.KeyFile);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = PhotoUpload.MaxBytes + (64 * 1024);
            k.Listen(IPAddress.Parse(options.Address), options.Port, l => l.UseHttps(certificate));
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<PortalFaces>();
        builder.Services.AddSingleton<Grid.Portal.Review.ProbeCropStore>();
        builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()))
            .AddApplicationPart(typeof(PortalApp).Assembly);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__RequestVerificationToken";
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f => f.MultipartBodyLengthLimit = PhotoUpload.MaxBytes);

        var app = builder.Build();
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.UseStaticFiles();
        app.UseMiddleware<SessionMiddleware>();
        app.MapRazorPages();
        app.MapGet("/probe/{id}.png", (string id, HttpContext context) =>
        {
            // The photo lives in this session's memory only, for the step that shows it.
            var session = SessionMiddleware.Current(context);
            return session?.Photo is { } photo && photo.Id == id
                ? Results.File(photo.Png, "image/png")
                : Results.NotFound();
        });
        app.MapGet("/crop/{id}.png", (string id, HttpContext context) =>
        {
            var session = SessionMiddleware.Current(context);
            return session?.FindSearch(id)?.ProbeCropPng is { } png ? Results.File(png, "image/png") : Results.NotFound();
        });
        app.MapGet("/case-probe/{searchId}.png", (string searchId, HttpContext context, Grid.Portal.Review.ProbeCropStore crops) =>
        {
            // Any reviewer of the force that searched; the store keys by force, so another force's session finds nothing.
            var session = SessionMiddleware.Current(context);
            return session is not null && crops.Find(session.Force, searchId) is { } png ? Results.File(png, "image/png") : Results.NotFound();
        });
        app.MapGet("/case-image/{searchId}/{rank:int}", async (string searchId, int rank, HttpContext context) =>
        {
            // Fetched through the case, so the grid checks the owner's agreement at this moment; passed through, not kept.
            var session = SessionMiddleware.Current(context);
            if (session is null) return Results.NotFound();
            try
            {
                var image = await session.Grid.GetCandidateImageAsync(session.Force, searchId, rank, context.RequestAborted);
                return GridImage.Sniff(image.Bytes) is { } type ? Results.File(image.Bytes, type) : Results.NotFound();
            }
            catch (GridException e)
            {
                return Results.Text($"{e.Message} ({e.Code})", "text/plain", statusCode: e.Status is >= 400 and < 600 ? e.Status : 502);
            }
        });
        return app;
    }

    /// <summary>Nothing is loaded from elsewhere, nothing is cached, nothing is framed: the pages carry police data.</summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h.CacheControl = "no-store";
        h.StrictTransportSecurity = "max-age=31536000";
        return next();
    }
}
