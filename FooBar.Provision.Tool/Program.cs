// The built-in `provision` tool: the command line of FooBar.Provision.Cli with the built-in roles. It builds no generic
// host (that is for programs made with ProvisionApplication.CreateBuilder), so it starts as fast as it can.
return await FooBar.Provision.Cli.ProvisionCommandLine.RunAsync(args).ConfigureAwait(false);
