namespace FooBar.Provision.IntegrationTests;

/// <summary>The master connections' control sockets in a control directory (not their logs, not the owner record).</summary>
internal static class ControlSockets
{
    public static string[] In(string directory) =>
        Directory.GetFileSystemEntries(directory).Where(p => Path.GetExtension(p).Length == 0 && Path.GetFileName(p) != "owner").ToArray();
}
