using System.Runtime.CompilerServices;

namespace FooBar.Provision.TestSupport;

/// <summary>Keeps every test (and every provision it starts) away from the real ~/.ssh/config: FOOBAR_SSH_CONFIG=none unless a test sets its own.</summary>
/// <remarks>One source, compiled into each test project (a linked file in its .csproj): a module initializer runs once per test assembly.</remarks>
internal static class NoUserSshConfig
{
#pragma warning disable CA2255 // A test assembly's start is exactly where the process environment must be fixed.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("FOOBAR_SSH_CONFIG") is null)
        {
            Environment.SetEnvironmentVariable("FOOBAR_SSH_CONFIG", "none");
        }
    }
}
