using FooBar.Provision.Cli;
using MyInfra.Roles.LoginBanner;

// The whole `provision` command line (check, plan, apply, facts, verify, rollback) with your roles next to the built-in
// ones: dotnet run -- plan inventory/lab.yaml
var builder = ProvisionApplication.CreateBuilder(args);
builder.Roles.Add<LoginBannerRole>();
var app = builder.Build();
return await app.RunAsync();
