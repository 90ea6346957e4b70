using System.Runtime.InteropServices;
using System.Text;

namespace FooBar.Provision.Tests.Catalogue.Loader;

/// <summary>Files the catalogue and the fuzz test need that .NET cannot make (a named pipe).</summary>
internal static class LoaderFixtures
{
    /// <summary>Creates a FIFO at <paramref name="path"/> (mode 600); fails the test when it cannot.</summary>
    public static void MakeFifo(string path) =>
        Assert.True(Mkfifo(Encoding.UTF8.GetBytes(path + "\0"), 0x180) == 0, $"mkfifo {path} failed: {Marshal.GetLastPInvokeError()}");

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mkfifo(byte[] path, uint mode);
}
