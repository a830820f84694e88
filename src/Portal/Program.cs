using Grid.Portal.Hosting;

// The examiners' web portal, run at a member force's site: see docs/PORTAL.md.
var app = PortalApp.Build(PortalOptions.FromEnvironment(args));
await app.RunAsync();
